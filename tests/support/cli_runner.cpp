#include "support/cli_runner.h"

#include "support/temp_dir.h"

#include <cstdlib>
#include <sys/wait.h>

namespace ywtb::testing {

std::string shellQuoted(const std::string& word) {
    std::string out = "'";
    for (char c : word)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

CliRun runCli(const std::string& cli, const std::vector<std::string>& args, const std::string& lang,
              const std::vector<std::string>& environment) {
    TempDir capture;
    // Appended, not "literal" + string: GCC 12 at -O3 warns falsely about the latter (-Wrestrict, bug
    // 105329).
    std::string command =
        "env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u YWTB_WINDOW -u YWTB_STAFF -u YWTB_TRAINING_DATE LANG=";
    command += shellQuoted(lang);
    for (const auto& variable : environment)
        command += " " + shellQuoted(variable);
    command += " " + shellQuoted(cli);
    for (const auto& a : args)
        command += " " + shellQuoted(a);
    command += " > " + shellQuoted((capture / "out").string()) + " 2> " +
               shellQuoted((capture / "err").string()) + " < /dev/null";
    const int status = std::system(command.c_str());
    CliRun run;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = readFile(capture / "out");
    run.err = readFile(capture / "err");
    return run;
}

} // namespace ywtb::testing
