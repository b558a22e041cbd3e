/// The text of `:help`: the language on one screen, the built-ins, and the REPL's own keys.
enum ReplHelp {
    static func text(builtins: [String], style: TextStyle) -> String {
        var lines = [
            style.key("The halo language") + " (docs/LANGUAGE.md has it all)",
            "  x = 42; name = \"Acme <<x>>\"; items = [1, 2]; o = {id: 1, \"a key\": 2}",
            "  o^id   o^\"a key\"   items^0   items^-1   response^clients^name (maps over a list)",
            "  if c { } else { }   for x in list { }   for k, v in object { }   while c { }",
            "  fn add(a, b = 1) { return a + b }   try { } catch err { print err^message }",
            "  auth                                  connect (sandbox, or HALO_URL / HALO_CLIENT_ID / HALO_CLIENT_SECRET)",
            "  get /api/client {search: \"Acme\"}      then response^clients, status",
            "  post /api/tickets {summary: \"...\"}    delete /api/tickets/<<id>>    get all /api/tickets",
            "  table(response^clients, [\"id\", \"name\"])   a list of objects as a table",
            "",
            style.key("Commands"),
            "  :help            this text",
            "  :vars            variables in scope and their types",
            "  :json            the last value as JSON (a list of records shows as a table)",
            "  :save FILE       write this session's successful entries as a runbook (halo FILE runs it)",
            "  :load FILE       run a file into this session",
            "  :quit            leave (or Ctrl-D)",
            "",
            style.key("Keys"),
            "  TAB completes names, /api/ paths and keys of live values (response^cl<TAB>)",
            "  Up/Down and Ctrl-R search history; Ctrl-C drops the line or stops a request",
            "",
            style.key("Built-ins"),
        ]
        var line = " "
        for name in builtins {
            if line.count + name.count + 1 > 96 {
                lines.append(line)
                line = " "
            }
            line += " " + name
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
