import Foundation

// Line-buffered output is fine for us: everything is written with write(2) through `Terminal`.
signal(SIGPIPE, SIG_IGN)
exit(SkuaCommand.main(Array(CommandLine.arguments.dropFirst())).rawValue)
