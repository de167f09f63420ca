# noticeboard's messages in English. Each id has the same entry in zh-Hans.ftl, taking the
# same values ({ $name }). Ids start with the part of the tool that speaks: cli- (the command
# line), config-, content-, model-, check- (the audit), import-, export-, build-, serve-.

cli-built-summary-units = built { $units } units, { $people } people
cli-exported-audit = wrote the audit ({ $findings } findings) to { $path }
