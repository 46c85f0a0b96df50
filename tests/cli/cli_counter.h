#pragma once
// A counter driven through the real CLI binary: a data folder of its own, staff S007 at window W01, a fixed
// date (YWTB_TRAINING_DATE), and the steps most CLI tests start with.

#include "support/cli_runner.h"
#include "support/temp_dir.h"

#include <Poco/JSON/Object.h>
#include <string>
#include <vector>

namespace ywtb::testing {

struct CliCounter {
    TempDir dir;
    /// An organisation applying: 上海某某餐饮有限公司.
    std::string company =
        dir.write("company.json", R"({"name": "上海某某餐饮有限公司", "credit_code": "91350100M000100Y43",
        "legal_representative": "张三", "phone": "021-64871234"})")
            .string();
    /// "NAME=value" for the CLI's environment; the first is the date it believes it is.
    std::vector<std::string> environment{"YWTB_TRAINING_DATE=2026-09-28"};

    void setDate(const std::string& isoDate) { environment.front() = "YWTB_TRAINING_DATE=" + isoDate; }
    CliRun run(std::vector<std::string> args) const;
    /// Runs and requires exit 0, showing standard error when not.
    CliRun ok(const std::vector<std::string>& args) const;
    /// `--json` output parsed; requires exit 0.
    Poco::JSON::Object::Ptr json(const std::vector<std::string>& args) const;
    /// Reserves numbers 1–1000 of 2026 for each document kind.
    void reserveNumbers(const std::vector<std::string>& kinds) const;
    /// Opens a case and gives its number.
    std::string open(const std::string& item, const std::vector<std::string>& applicant) const;
    std::string openFoodCase() const { return open("SCJG-XK-001", {"--applicant", company}); }
    /// Records each material: {id, status, extra options…}.
    void setMaterials(const std::string& number,
                      const std::vector<std::vector<std::string>>& materials) const;
    /// The food-business licence's materials as the demo guide lists them, all in order.
    void completeFoodMaterials(const std::string& number) const;
};

} // namespace ywtb::testing
