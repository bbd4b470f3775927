import Foundation
import LTXSystem
import Testing

/// The system layer against the real file system: each failure carries the call's own errno.
struct LocalFilesTests {
    let folder = TestFolder("local-files")
    var dir: String { folder.path }

    @Test func aMissingFileCarriesENOENT() {
        #expect(caught { () throws(Errno) in _ = try LocalFiles.status("\(dir)/missing") } == .noSuchFileOrDirectory)
        #expect(caught { () throws(Errno) in _ = try LocalFiles.contents(of: "\(dir)/missing") } == .noSuchFileOrDirectory)
        #expect(Errno.noSuchFileOrDirectory.message == "No such file or directory")
        #expect(!LocalFiles.exists("\(dir)/missing"))
    }

    @Test func aFolderWhereAFileIsExpected() throws {
        #expect(caught { () throws(Errno) in _ = try LocalFiles.contents(of: dir) } == .isDirectory)
        #expect(LocalFiles.isFolder(dir))
        let file = try folder.file("plain")
        #expect(!LocalFiles.isFolder(file))
        #expect(caught { () throws(Errno) in _ = try LocalFiles.status("\(file)/child") } == .notDirectory)
    }

    @Test func contentsAndSizeOfAFile() throws {
        let file = try folder.file("text", "hello")
        #expect(try LocalFiles.contents(of: file) == Array("hello".utf8))
        #expect(LocalFiles.size(file) == 5)
        #expect(LocalFiles.size("\(dir)/missing") == 0)
    }

    @Test func sameFileThroughAHardLinkAndASymlink() throws {
        let file = try folder.file("original")
        let other = try folder.file("other")
        try FileManager.default.linkItem(atPath: file, toPath: "\(dir)/hard")
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/soft", withDestinationPath: file)
        #expect(LocalFiles.sameFile(file, "\(dir)/hard"))
        #expect(LocalFiles.sameFile(file, "\(dir)/soft"))
        #expect(LocalFiles.sameFile(file, "\(dir)/./original"))
        #expect(!LocalFiles.sameFile(file, other))
        #expect(!LocalFiles.sameFile(file, "\(dir)/missing"))
    }

    @Test func renameIntoAReadOnlyFolderIsRefused() throws {
        let file = try folder.file("to-move")
        let locked = "\(dir)/locked"
        try LocalFiles.makeFolder(locked, permissions: [.ownerReadExecute])
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked) }
        let refused = caught { () throws(Errno) in try LocalFiles.rename(file, to: "\(locked)/moved") }
        // Root is not stopped by permissions: then the move goes through.
        #expect(refused == (ThisProcess.effectiveUserID == 0 ? nil : .permissionDenied))
    }

    @Test func renameOntoAFolderOrThroughAFileIsRefusedEvenAsRoot() throws {
        let file = try folder.file("to-rename")
        let folder = "\(dir)/folder"
        try LocalFiles.makeFolder(folder)
        #expect(caught { () throws(Errno) in try LocalFiles.rename(file, to: folder) } == .isDirectory)
        #expect(caught { () throws(Errno) in try LocalFiles.rename(file, to: "\(file)/inside") } == .notDirectory)
        #expect(LocalFiles.exists(file))
        try LocalFiles.rename(file, to: "\(dir)/renamed")
        #expect(!LocalFiles.exists(file) && LocalFiles.exists("\(dir)/renamed"))
    }

    @Test func foldersAreMadeListedAndRemoved() throws {
        let made = "\(dir)/made"
        try LocalFiles.makeFolder(made)
        #expect(caught { () throws(Errno) in try LocalFiles.makeFolder(made) } == .fileExists)
        _ = try folder.file("made/a")
        _ = try folder.file("made/b")
        #expect(try LocalFiles.entries(of: made).sorted() == ["a", "b"])
        #expect(caught { () throws(Errno) in try LocalFiles.removeFolder(made) } == .directoryNotEmpty)
        try LocalFiles.remove("\(made)/a")
        try LocalFiles.remove("\(made)/b")
        try LocalFiles.removeFolder(made)
        #expect(caught { () throws(Errno) in _ = try LocalFiles.entries(of: made) } == .noSuchFileOrDirectory)
    }

    @Test func aTemporaryFolderIsNewAndPrivate() throws {
        let made = try LocalFiles.makeTemporaryFolder(prefix: "\(dir)/tmp-")
        #expect(made.hasPrefix("\(dir)/tmp-") && made.count == "\(dir)/tmp-".count + 6)
        #expect(try LocalFiles.status(made).permissions == .ownerReadWriteExecute)
    }

    @Test func copyIsByteForByteAndCarriesTheErrno() throws {
        let source = try folder.file("source", String(repeating: "ab", count: 600_000))
        try LocalFiles.copy(source, to: "\(dir)/copy")
        #expect(try LocalFiles.contents(of: "\(dir)/copy") == LocalFiles.contents(of: source))
        #expect(caught { () throws(Errno) in try LocalFiles.copy("\(dir)/missing", to: "\(dir)/copy2") } == .noSuchFileOrDirectory)
        #expect(!LocalFiles.exists("\(dir)/copy2"))
        #expect(caught { () throws(Errno) in try LocalFiles.copy(source, to: "\(source)/x") } == .notDirectory)
    }
}
