// The system layer hands out swift-system's own types (FilePath, FileDescriptor, Stat, Errno):
// a module that imports LTXSystem needs no C library and no second import.
@_exported import SystemPackage
