import Foundation
import LTXFiles
import LTXSystem
import Testing

/// OutputFile's failures as typed values: the errno of the call and the path it concerned.
struct OutputFileTests {
    let folder = TestFolder("output-file")
    var dir: String { folder.path }

    @Test func commitWithoutATemporaryCarriesENOENTAndTheOutput() {
        let file = OutputFile(path: "\(dir)/out.mp4")
        #expect(caught { () throws(OutputFileError) in try file.commit() } == OutputFileError(path: "\(dir)/out.mp4", errno: .noSuchFileOrDirectory))
    }

    @Test func commitOntoAFolderIsRefused() throws {
        try LocalFiles.makeFolder("\(dir)/taken")
        let file = OutputFile(path: "\(dir)/taken")
        try LocalFiles.write([1, 2], to: file.temporary)
        let error = caught { () throws(OutputFileError) in try file.commit() }
        #expect(error?.errno == .isDirectory)
        #expect(error?.message == "Is a directory")
    }

    @Test func copyInThenCommitPutsTheBytesInPlace() throws {
        let source = try folder.file("source", "bytes")
        let file = OutputFile(path: "\(dir)/copied")
        try file.copyIn(from: source)
        try file.commit()
        #expect(try WholeFile.bytes("\(dir)/copied") == Array("bytes".utf8))
        #expect(!LocalFiles.exists(file.temporary))
    }

    @Test func copyInFromAMissingFileCarriesENOENT() {
        let file = OutputFile(path: "\(dir)/never")
        #expect(caught { () throws(OutputFileError) in try file.copyIn(from: "\(dir)/missing") } == OutputFileError(path: "\(dir)/never", errno: .noSuchFileOrDirectory))
        #expect(!LocalFiles.exists(file.temporary))
    }

    @Test func folderChecksSayWhatIsWrong() throws {
        let plain = try folder.file("plain")
        #expect(caught { () throws(OutputFolderError) in try OutputFile.checkFolder(of: "\(dir)/out.mp4") } == nil)
        #expect(caught { () throws(OutputFolderError) in try OutputFile.checkFolder(of: "\(dir)/no/out.mp4") }
            == OutputFolderError(folder: "\(dir)/no", problem: .missing, errno: .noSuchFileOrDirectory))
        #expect(caught { () throws(OutputFolderError) in try OutputFile.checkFolder(of: "\(plain)/out.mp4") }
            == OutputFolderError(folder: plain, problem: .notAFolder, errno: .notDirectory))
        #expect(caught { () throws(OutputFolderError) in try OutputFile.checkFolder(of: "\(plain)/deeper/out.mp4") }
            == OutputFolderError(folder: "\(plain)/deeper", problem: .notAFolder, errno: .notDirectory))
        #expect(!OutputFile.folderExists(of: "\(dir)/no/out.mp4"))
    }

    @Test func aReadOnlyFolderIsNotWritableUnlessRoot() throws {
        let locked = "\(dir)/locked"
        try LocalFiles.makeFolder(locked, permissions: [.ownerReadExecute])
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked) }
        let expected = ThisProcess.effectiveUserID == 0 ? nil : OutputFolderError(folder: locked, problem: .notWritable, errno: .permissionDenied)
        #expect(caught { () throws(OutputFolderError) in try OutputFile.checkFolder(of: "\(locked)/out.mp4") } == expected)
        #expect(OutputFile.folderExists(of: "\(locked)/out.mp4"))
    }

    @Test func makeFoldersMakesEveryLevelAndNamesAFileInTheWay() throws {
        try OutputFile.makeFolders("\(dir)/a/b/c")
        try OutputFile.makeFolders("\(dir)/a/b/c")
        #expect(LocalFiles.isFolder("\(dir)/a/b/c"))
        let plain = try folder.file("in-the-way")
        let error = caught { () throws(OutputFolderError) in try OutputFile.makeFolders("\(plain)/sub") }
        #expect(error == OutputFolderError(folder: plain, problem: .notAFolder, errno: .notDirectory))
        #expect(error?.reason == "\(plain) is not a folder")
    }

    @Test func writeTextLeavesTheFileOrNothing() throws {
        try OutputFile.writeText("report\n", to: "\(dir)/report.jsonl")
        #expect(try WholeFile.bytes("\(dir)/report.jsonl") == Array("report\n".utf8))
        #expect(caught { () throws(OutputFileError) in try OutputFile.writeText("x", to: "\(dir)/no/report.jsonl") }
            == OutputFileError(path: "\(dir)/no/report.jsonl", errno: .noSuchFileOrDirectory))
        #expect(try LocalFiles.entries(of: dir) == ["report.jsonl"])
    }

    @Test func wholeFileThrowsTheErrnoItMet() {
        #expect(throws: Errno.noSuchFileOrDirectory) { try WholeFile.bytes("\(dir)/missing") }
        #expect(throws: Errno.isDirectory) { try WholeFile.bytes(dir) }
    }
}
