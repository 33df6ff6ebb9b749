import ArgumentParser
import CLinux
import Foundation

/// The `openchat-probe` command line.
struct OpenChatProbe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openchat-probe",
        abstract: "Test harness and load generator for OpenChat (Socket.IO) servers.",
        discussion: """
            Exit codes: 0 success; 1 a check or threshold failed; 2 invalid usage or input; \
            3 target unreachable, refused or the run was aborted; 130 interrupted.
            """,
        subcommands: [RunCommand.self, ValidateCommand.self, ReportCommand.self, CompareCommand.self, ConnectCommand.self, HoldCommand.self]
    )
}

/// Process exit codes, documented in the README.
enum ExitStatus: Int32 {
    case success = 0
    case checkFailed = 1
    case usage = 2
    case unreachable = 3
    case interrupted = 130
}

/// A failure that maps to an exit code, with a message for stderr.
struct CommandFailure: Error, CustomStringConvertible {
    var status: ExitStatus
    var message: String
    var description: String { message }
}

@main
enum Main {
    static func main() async {
        // Line-buffered even into a pipe or a file: CI logs and scripts see each line (the run's
        // announcement, progress every 5 s) when it is written, not when the buffer fills.
        oclinux_line_buffer_stdout()
        do {
            var command = try OpenChatProbe.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("openchat-probe: \(failure.message)\n".utf8))
            exit(failure.status.rawValue)
        } catch {
            let code = OpenChatProbe.exitCode(for: error)
            if code == .success {
                // --help, --version
                print(OpenChatProbe.fullMessage(for: error))
                exit(0)
            }
            FileHandle.standardError.write(Data((OpenChatProbe.fullMessage(for: error) + "\n").utf8))
            // Usage and validation errors are exit 2, as documented (ArgumentParser would use 64).
            exit(ExitStatus.usage.rawValue)
        }
    }
}
