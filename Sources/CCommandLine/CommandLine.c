// Why this file exists: the Swift runtime (CommandLine.cpp in libswiftCore) finds argv on
// Linux with a global constructor that reads all of /proc/self/maps to locate the stack,
// then walks back from `environ`. With Debian's FFmpeg loaded the map has some 740 lines,
// and reading it cost ltx-prep 1.3 ms of a 49.5 ms check of a small MOV (100 runs taking
// turns; perf: kernel time in show_map_vma/d_path, sscanf in libc). glibc hands every ELF constructor of the
// executable (argc, argv, envp) directly, so this file defines the two functions of that
// runtime object instead. The linker then never pulls CommandLine.cpp.o out of the static
// libswiftCore.a (make's release build, --static-swift-stdlib), and its constructor never
// runs. Where the runtime is a shared library (debug builds, tests), it calls its own
// hidden copy and these go unused. Were a later runtime to need another symbol from
// that object, the link would fail on a duplicate definition rather than misbehave; were it
// to rename these, its own code would run again, correct and only slower.
// `make bench` checks that the release binary has no ArgvGrabber in it.

static char **given_argv;
static int given_argc;
static char **override_argv;
static int override_argc;

__attribute__((constructor)) static void ltx_command_line_grab(int argc, char **argv, char **envp) {
    (void)envp;
    given_argc = argc;
    given_argv = argv;
}

// The runtime's contract (SWIFT_CC(swift)): argv and its count, the override first.
__attribute__((swiftcall)) char **_swift_stdlib_getUnsafeArgvArgc(int *outArgLen) {
    if (override_argv) {
        *outArgLen = override_argc;
        return override_argv;
    }
    *outArgLen = given_argc;
    return given_argv;
}

// Set by an embedding host (the runtime's JIT); kept so that the runtime's object is whole here.
__attribute__((swiftcall)) void _swift_stdlib_overrideUnsafeArgvArgc(char **argv, int argc) {
    override_argv = argv;
    override_argc = argc;
}
