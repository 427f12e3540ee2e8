// Installs the handlers for page faults and user-mode CPU exceptions.
#pragma once

void fault_init();
