// The PS/2 keyboard on IRQ 1. Key presses become characters (US layout)
// on the console input; arrow keys become the escape sequences a terminal
// would send (ESC [ A for up), so programs read the same from either console.
#pragma once

namespace keyboard {

void init();

} // namespace keyboard
