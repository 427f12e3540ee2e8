/* false: does nothing, unsuccessfully: exit status 1. (Its only system
 * call is exit_group, made by the C library when main returns.) */
int main(void) { return 1; }
