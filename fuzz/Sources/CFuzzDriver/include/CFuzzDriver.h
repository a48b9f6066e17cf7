#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer with the command line and the function under test.
/// SwiftPM links an executable target's entry point as `<Target>_main`, so a
/// fuzzer cannot rely on libFuzzer's own `main`; each fuzzer's
/// `<Target>_main` calls this instead.
int wijksim_fuzz_run(int argc, char **argv, int (*test_one_input)(const uint8_t *data, size_t size));
