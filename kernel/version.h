#pragma once

#define CLEAVE_NAME "Cleave"
#define CLEAVE_VERSION "0.1.0"
