// The two cascaded 8259A interrupt controllers. At power-on they deliver
// IRQs 0-7 on vectors 8-15, on top of the CPU's exceptions; init() moves
// them to vectors 32-47 and masks every line until a handler is installed.
#pragma once

#include <libk/types.h>

namespace pic {

void init();
void unmask(u8 irq);
void mask(u8 irq);
void end_of_interrupt(u8 irq);
bool is_spurious(u8 irq);

} // namespace pic
