#include "cli/cli_counter.h"

#include <Poco/JSON/Parser.h>
#include <catch2/catch.hpp>

namespace ywtb::testing {

CliRun CliCounter::run(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--data-dir", (dir / "data").string(), "--staff", "S007", "--window", "W01"});
    return runCli(YWTB_CLI, args, "en_US.UTF-8", environment);
}

CliRun CliCounter::ok(const std::vector<std::string>& args) const {
    auto r = run(args);
    INFO((args.empty() ? std::string() : args.front()) << ": " << r.err);
    REQUIRE(r.exitCode == 0);
    return r;
}

Poco::JSON::Object::Ptr CliCounter::json(const std::vector<std::string>& args) const {
    std::vector<std::string> all{"--json"};
    all.insert(all.end(), args.begin(), args.end());
    auto r = ok(all);
    Poco::JSON::Parser parser;
    return parser.parse(r.out).extract<Poco::JSON::Object::Ptr>();
}

void CliCounter::reserveNumbers(const std::vector<std::string>& kinds) const {
    for (const auto& kind : kinds)
        ok({"numbers", "reserve", "--kind", kind, "--year", "2026", "--from", "1", "--to", "1000"});
}

std::string CliCounter::open(const std::string& item, const std::vector<std::string>& applicant) const {
    std::vector<std::string> args{"case", "new", "--item", item};
    args.insert(args.end(), applicant.begin(), applicant.end());
    auto r = ok(args);
    return r.out.substr(0, r.out.find('\n'));
}

void CliCounter::setMaterials(const std::string& number,
                              const std::vector<std::vector<std::string>>& materials) const {
    for (const auto& m : materials) {
        std::vector<std::string> args{"case", "material", number, m.at(0), "--status", m.at(1)};
        args.insert(args.end(), m.begin() + 2, m.end());
        auto r = run(args);
        INFO(m[0] << ": " << r.err);
        REQUIRE(r.exitCode == 0);
    }
}

void CliCounter::completeFoodMaterials(const std::string& number) const {
    setMaterials(number, {{"M01", "provided"},
                          {"M02", "exempt", "--licence", "3101042026000123"},
                          {"M03", "provided"},
                          {"M04", "provided"},
                          {"M05", "copy"},
                          {"M06", "provided"},
                          {"M07", "not_applicable"}});
}

} // namespace ywtb::testing
