// Every shipped application form filled as a clerk would: valid answers are accepted and normalised, wrong
// ones are refused with a message that names the field and says what to fix, hidden fields are neither
// required nor kept, and a case cannot be accepted until its form is complete.

#include "core/application_form_values.h"
#include "core/case_json.h"
#include "core/case_lifecycle.h"
#include "support/temp_dir.h"

#include <Poco/JSON/Parser.h>
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>

using namespace ywtb::core;

namespace {

const CivilDate kToday = *CivilDate::parse("2026-09-28");

const ApplicationForm& shipped(const std::string& code) {
    static std::map<std::string, std::shared_ptr<const ApplicationForm>> cache;
    auto& form = cache[code];
    if (!form) {
        auto parsed = parseApplicationForm(
            ywtb::testing::readFile(ywtb::testing::sourceDir() / "forms/application" / (code + ".json")),
            code + ".json");
        REQUIRE(parsed.ok());
        form = parsed.form;
    }
    return *form;
}

std::vector<std::string> errorsOf(const std::string& code, const std::string& values) {
    std::vector<std::string> out;
    for (const auto& e : checkFormValues(shipped(code), values, kToday).errors)
        out.push_back(e.str());
    return out;
}

std::vector<std::string> missingOf(const std::string& code, const std::string& values) {
    std::vector<std::string> out;
    for (const auto& m : checkFormValues(shipped(code), values, kToday).missing)
        out.push_back(m.field);
    return out;
}

Poco::JSON::Object::Ptr parsed(const std::string& json) {
    Poco::JSON::Parser parser;
    return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
}

// Answers that fill each shipped form completely and correctly, as typed at the counter.
const std::map<std::string, std::string>& validAnswers() {
    static const std::map<std::string, std::string> answers{
        {"SCJG-XK-001",
         R"({"business_name": "上海某某餐饮有限公司", "credit_code": "91310104ma1fl8tq0u", "legal_representative": "王小明",
            "legal_representative_id": "310104198511200048", "residence": "上海市徐汇区漕溪北路1号", "premises_address": "上海市徐汇区漕溪北路1号101室",
            "premises_area": "85.50", "business_form": "餐饮服务经营者", "categories": "自制饮品制售、hot_food", "online_sales": "是",
            "online_platform": "美团外卖", "employees": 6, "safety_officer": "李华", "safety_officer_id": "310101197803150026",
            "contact_phone": "138 1234 5678"})"},
        {"SCJG-XK-002",
         R"({"operator_name": "陈阿英", "operator_id": "310104196507070018", "operator_birth_date": "1965-07-07",
            "operator_phone": "021 6487 1234", "operator_residence": "上海市徐汇区天钥桥路100号", "has_name": true, "business_name": "徐汇区阿英小吃店",
            "composition": "family", "family_members": [{"name": "陈小英", "id_number": "310115201006010079", "relation": "child"}],
            "premises_address": "上海市徐汇区天钥桥路102号", "postal_code": "200030", "business_scope": "小吃店（餐饮服务）", "capital": "5",
            "employees": "2"})"},
        {"WSJK-XK-001",
         R"({"unit_name": "上海某某大酒店有限公司", "credit_code": "91310000132200821H", "legal_representative": "赵强",
            "premises_address": "上海市徐汇区衡山路10号", "venue_types": ["swimming", "hotel"], "area": 5000, "pool_area": "300.5", "rooms": 120,
            "central_air_conditioning": true, "air_conditioning_assessed_on": "2026-08-01", "employees": 80, "certified_employees": 80,
            "contact_person": "钱敏", "contact_phone": "021-64871234"})"},
        {"JSGL-XK-001",
         R"({"project_name": "徐汇区某某社区文化中心新建工程", "builder_unit": "上海某某置业有限公司", "builder_credit_code": "91310115MA1K3YQ778",
            "project_address": "上海市徐汇区龙华中路500号", "project_type": "building", "building_area": "12000.75", "contract_price": "8650.5",
            "planned_start": "2026-10-15", "planned_completion": "2028-04-30", "planning_permit_number": "沪徐建（2026）FA310104202600012",
            "contractor": "上海某某建设集团有限公司", "contractor_credit_code": "91310104MA7B2Q1X3F", "project_manager": "孙伟",
            "project_manager_id": "320583199202290039", "supervised": true, "supervisor": "上海某某监理有限公司",
            "supervisor_credit_code": "91310000132200821H", "chief_supervisor": "周杰", "contact_phone": "13912345678"})"},
        {"GAJ-QR-001",
         R"({"name": "刘洋", "id_number": "320583199202290039", "birth_date": "1992-02-29", "sex": "男", "phone": "13712345678",
            "household_address": "江苏省昆山市玉山镇人民路1号", "shanghai_address": "上海市徐汇区田林路200弄3号502室", "residence_type": "rented",
            "resident_since": "2024-03-01", "lease_registration_number": "XH2024000123", "occupation": "employed", "employer": "上海某某科技有限公司",
            "employer_credit_code": "91310104MA1FL8TQ0U"})"},
        {"GAJ-GF-001",
         R"({"name": "刘洋", "id_number": "320583199202290039", "phone": "13712345678", "purpose": "employment",
            "employer": "上海某某幼儿园", "by_agent": false})"},
        {"MZJ-JF-001",
         R"({"applicant_name": "吴红", "id_number": "310104196507070018", "phone": "13612345678",
            "household_address": "上海市徐汇区康健路10号", "living_address": "上海市徐汇区康健路10号201室", "household_size": 2,
            "members": [
              {"name": "吴红", "id_number": "310104196507070018", "relation": "self", "employed": false, "monthly_income": "0", "disabled": false},
              {"name": "吴小军", "id_number": "310104198511200048", "relation": "child", "employed": "否", "monthly_income": 1200.5,
               "disabled": "是", "disability_card_number": "31010419851120004842"}],
            "monthly_income_total": "1200.50", "owns_second_home": false, "owns_vehicle": false, "reason": "本人无业，子女二级肢体残疾",
            "bank_account": "6222021001000123456"})"},
        {"RSJ-XK-002",
         R"({"company_name": "上海某某人力资源有限公司", "credit_code": "91310104MA1FL8TQ0U", "legal_representative": "郑刚",
            "registered_capital": "300", "paid_in_capital": "200", "premises_address": "上海市徐汇区虹桥路1号8楼", "premises_area": "120",
            "shareholders": [
              {"name": "郑刚", "kind": "person", "id_number": "310101197803150026", "contribution": "180", "share": "60"},
              {"name": "上海某某投资有限公司", "kind": "organisation", "credit_code": "91310000132200821H", "contribution": "120", "share": 40}],
            "has_information_system": true, "contact_phone": "13512345678"})"},
        {"WLJ-XK-003",
         R"({"agency_name": "上海某某国际旅行社有限公司", "credit_code": "91310115MA1K3YQ778", "legal_representative": "冯丽",
            "premises_address": "上海市徐汇区肇嘉浜路1000号", "premises_tenure": "rented", "lease_ends": "2027-12-31", "quality_deposit": "20",
            "deposit_bank": "中国银行上海市徐汇支行",
            "managers": [{"name": "冯丽", "id_number": "310104198511200048", "position": "general_manager", "years": 12}],
            "employees": 15, "contact_phone": "021-64870000"})"},
        {"JSGL-XK-003",
         R"({"applicant_unit": "上海某某燃气工程有限公司", "credit_code": "91310104MA7B2Q1X3F", "work_kind": "both",
            "road_name": "漕溪北路", "location": "漕溪北路南丹路口至中山南二路口东侧人行道", "purpose": "燃气管道维修", "occupied_area": "60",
            "excavation_length": "45.5", "excavation_width": "1.2", "start_date": "2026-10-08", "end_date": "2026-10-20", "night_work": true,
            "night_work_permit": "徐环夜〔2026〕123号", "site_manager": "何平", "site_manager_phone": "13312345678"})"},
        {"WSJK-XK-003",
         R"({"name": "许诺", "id_number": "310104199001011233", "birth_date": "1990-01-01", "phone": "13212345678",
            "qualification_number": "201931110310104", "practice_category": "clinical", "practice_scope": "内科专业",
            "institution": "上海市徐汇区中心医院", "institution_credit_code": "12310000425011359J", "other_sites": true,
            "other_institutions": [{"name": "上海某某门诊部", "credit_code": "91310104MA1FL8TQ0U"}]})"},
    };
    return answers;
}

} // namespace

TEST_CASE("every shipped form filled with valid answers is complete", "[form]") {
    for (const auto& [code, answers] : validAnswers()) {
        INFO(code);
        const auto check = checkFormValues(shipped(code), answers, kToday);
        for (const auto& e : check.errors)
            INFO(e.str());
        for (const auto& m : check.missing)
            INFO("missing " + m.field);
        CHECK(check.complete());
    }
    std::size_t shippedForms = 0;
    for ([[maybe_unused]] const auto& entry :
         std::filesystem::directory_iterator(ywtb::testing::sourceDir() / "forms/application"))
        ++shippedForms;
    CHECK(validAnswers().size() == shippedForms);
}

TEST_CASE("answers are stored normalised: option values, phone numbers, check characters, money and numbers",
          "[form]") {
    auto food =
        parsed(checkFormValues(shipped("SCJG-XK-001"), validAnswers().at("SCJG-XK-001"), kToday).values);
    CHECK(food->getValue<std::string>("credit_code") == "91310104MA1FL8TQ0U");
    CHECK(food->getValue<std::string>("business_form") == "catering");
    CHECK(food->getArray("categories")->size() == 2);
    CHECK(food->getArray("categories")->getElement<std::string>(0) ==
          "hot_food"); // in the order of the options
    CHECK(food->getArray("categories")->getElement<std::string>(1) == "self_made_drinks");
    CHECK(food->getValue<bool>("online_sales"));
    CHECK(food->getValue<std::string>("premises_area") == "85.5");
    CHECK(food->getValue<std::string>("employees") == "6");
    CHECK(food->getValue<std::string>("contact_phone") == "13812345678");
    auto shop =
        parsed(checkFormValues(shipped("SCJG-XK-002"), validAnswers().at("SCJG-XK-002"), kToday).values);
    CHECK(shop->getValue<std::string>("operator_phone") == "021-64871234");
    CHECK(shop->getValue<std::string>("capital") == "5.00");
    auto relief =
        parsed(checkFormValues(shipped("MZJ-JF-001"), validAnswers().at("MZJ-JF-001"), kToday).values);
    CHECK(relief->getArray("members")->getObject(1)->getValue<std::string>("monthly_income") == "1200.50");
    CHECK(relief->getArray("members")->getObject(1)->getValue<bool>("disabled"));
    CHECK_FALSE(relief->getArray("members")->getObject(0)->has("disability_card_number"));
}

TEST_CASE("食品经营许可申请书: wrong answers are each named with what to fix", "[form]") {
    auto errors =
        errorsOf("SCJG-XK-001",
                 R"({"busines_name": "上海某某餐饮有限公司", "legal_representative_id": "310104199001011234",
        "premises_area": "0.5", "business_form": "restaurant", "online_sales": "maybe", "employees": "6.5", "categories": ["hot_food", "wine"]})");
    REQUIRE(errors.size() == 7);
    CHECK(errors[0] ==
          "busines_name: 食品经营许可申请书 has no field \"busines_name\" — did you mean \"business_name\"?");
    CHECK(errors[1] == "法定代表人（负责人）身份证号码 (legal_representative_id) 310104********1234: the "
                       "check digit is '4', but the first 17 digits call "
                       "for '3' — a digit was probably mistyped: compare the number with the ID card");
    CHECK(errors[2] == "经营场所使用面积 (premises_area): 0.5 平方米 is less than the least allowed, 1 "
                       "平方米 — check the figure against the applicant's documents");
    CHECK(errors[3] == "主体业态 (business_form): \"restaurant\" is not one of the options — choose one of: "
                       "食品销售经营者（food_sales）、"
                       "餐饮服务经营者（catering）、单位食堂（unit_canteen）、中央厨房（central_"
                       "kitchen）、集体用餐配送单位（meal_delivery）");
    CHECK(errors[4].starts_with("经营项目 (categories): \"wine\" is not one of the options — choose from: "
                                "预包装食品（含冷藏冷冻食品）销售（prepackaged）、"));
    CHECK(errors[5] ==
          "是否通过网络经营 (online_sales): the answer must be yes or no — answer 是 or 否 (yes or no)");
    CHECK(errors[6] == "从业人员数 (employees): \"6.5\" is not a whole number — write a whole number of 人");
}

TEST_CASE(
    "食品经营许可申请书: a field shown only for some answers is required only then, and dropped otherwise",
    "[form]") {
    const auto& form = shipped("SCJG-XK-001");
    auto base = parsed(validAnswers().at("SCJG-XK-001"));
    base->set("online_sales", false); // the platform is no longer asked for: its answer is dropped, not kept
    std::ostringstream text;
    base->stringify(text);
    auto check = checkFormValues(form, text.str(), kToday);
    CHECK(check.complete());
    CHECK_FALSE(parsed(check.values)->has("online_platform"));
    // The fields not asked now, for a GUI to grey them out: in form order.
    CHECK(check.hidden == std::vector<std::string>{"canteen_kind", "special_food_kinds", "online_platform"});
    base->set("categories", "special_food");
    base->set("business_form", "unit_canteen");
    std::ostringstream again;
    base->stringify(again);
    check = checkFormValues(form, again.str(), kToday);
    CHECK(check.hidden == std::vector<std::string>{"online_platform"});
    REQUIRE(check.missing.size() == 2);
    CHECK(check.missing[0].field == "canteen_kind");
    CHECK(check.missing[0].label == "食堂类别");
    CHECK(check.missing[1].field == "special_food_kinds");
    CHECK(describeMissing(check.missing) == "食堂类别 (canteen_kind)、特殊食品种类 (special_food_kinds)");
}

TEST_CASE("个体工商户登记申请书: pattern, length, decimals and the rows of a group", "[form]") {
    auto errors = errorsOf(
        "SCJG-XK-002",
        R"({"has_name": "是", "business_name": "小店", "composition": "family", "postal_code": "100080",
        "capital": "5.123", "family_members": [{"name": "陈小英", "id_number": "310115201006010070", "relation": "daughter"}]})");
    REQUIRE(errors.size() == 5);
    CHECK(errors[0] == "个体工商户名称 (business_name): the answer has 2 characters, at least 4 are needed — "
                       "write the answer in full");
    CHECK(errors[1] ==
          "参加经营的家庭成员（第1行）身份证号码 (family_members[1].id_number) 310115********0070: the check "
          "digit is '0', but the first 17 "
          "digits call for '9' — a digit was probably mistyped: compare the number with the ID card");
    CHECK(errors[2] == "参加经营的家庭成员（第1行）与经营者关系 (family_members[1].relation): \"daughter\" "
                       "is not one of the options — choose one of: "
                       "配偶（spouse）、子女（child）、父母（parent）、兄弟姐妹（sibling）、其他（other）");
    CHECK(errors[3] == "邮政编码 (postal_code): the answer is not in the form this field asks for — write it "
                       "as: 上海的6位邮政编码，以2开头，如200030");
    CHECK(errors[4] == "资金数额 (capital): \"5.123\" has more than 2 decimals — round it to 2 decimals");
    CHECK(missingOf("SCJG-XK-002", R"({"composition": "family", "has_name": false})") ==
          std::vector<std::string>{"operator_name", "operator_id", "operator_phone", "operator_residence",
                                   "family_members", "premises_address", "business_scope", "capital",
                                   "employees"});
    const auto check = checkFormValues(shipped("SCJG-XK-002"), R"({"composition": "family"})", kToday);
    CHECK(check.missing.at(5).label == "参加经营的家庭成员（至少1行）");
}

TEST_CASE("公共场所卫生许可证申请表: dates within bounds, options of a multiple choice, credit codes",
          "[form]") {
    auto errors =
        errorsOf("WSJK-XK-001", R"({"credit_code": "91310000132200821A", "venue_types": ["hotel", "karaoke"],
        "central_air_conditioning": true, "air_conditioning_assessed_on": "2026-10-01", "area": "1,000"})");
    REQUIRE(errors.size() == 4);
    CHECK(errors[0].starts_with("统一社会信用代码 (credit_code) "));
    CHECK(errors[0].ends_with(": the check character is 'A', but the first 17 characters call for 'H' — a "
                              "character was probably mistyped: compare "
                              "the code with the business licence"));
    CHECK(errors[1].starts_with("公共场所类别 (venue_types): \"karaoke\" is not one of the options — choose "
                                "from: 宾馆、旅店、招待所（hotel）、"));
    CHECK(errors[2] == "营业面积 (area): \"1,000\" is not a number — write digits, with a decimal point if "
                       "needed, e.g. 120.5");
    CHECK(errors[3] == "集中空调通风系统卫生检测（评价）日期 (air_conditioning_assessed_on): 2026-10-01 is "
                       "after the latest date allowed, 2026-09-28 — check "
                       "the date with the applicant");
    CHECK(missingOf("WSJK-XK-001", R"({"venue_types": ["swimming"]})").at(5) == "pool_area");
}

TEST_CASE("建筑工程施工许可证申请表: a start in the past, a price that is no number, supervision answered no",
          "[form]") {
    auto errors = errorsOf(
        "JSGL-XK-001",
        R"({"planned_start": "2026-09-01", "contract_price": "八千万", "project_manager_id": "31010419900101123"})");
    REQUIRE(errors.size() == 3);
    CHECK(errors[0] == "合同价格 (contract_price): \"八千万\" is not a number — write the amount in 万元 "
                       "with at most two decimals, e.g. 1200 or 1200.50");
    CHECK(errors[1] == "合同开工日期 (planned_start): 2026-09-01 is before the earliest date allowed, "
                       "2026-09-28 — check the date with the applicant");
    CHECK(errors[2].starts_with("项目经理身份证号码 (project_manager_id) "));
    auto answers = parsed(validAnswers().at("JSGL-XK-001"));
    answers->set("supervised", false);
    answers->set("project_type", "municipal");
    std::ostringstream text;
    answers->stringify(text);
    auto check = checkFormValues(shipped("JSGL-XK-001"), text.str(), kToday);
    CHECK(check.complete());
    auto kept = parsed(check.values);
    CHECK_FALSE(kept->has("supervisor"));
    CHECK_FALSE(kept->has("chief_supervisor"));
    CHECK_FALSE(kept->has("building_area"));
    CHECK(kept->getValue<std::string>("contract_price") == "8650.50");
}

TEST_CASE("上海市居住证申请表: a date that does not exist, an option by its label, a lease number's pattern",
          "[form]") {
    auto errors = errorsOf(
        "GAJ-QR-001",
        R"({"birth_date": "1990-02-30", "sex": "M", "residence_type": "租赁房屋", "lease_registration_number": "xh-1"})");
    REQUIRE(errors.size() == 3);
    CHECK(errors[0] ==
          "出生日期 (birth_date): \"1990-02-30\" is not a date — write it as YYYY-MM-DD, e.g. 2026-09-28");
    CHECK(errors[1] ==
          "性别 (sex): \"M\" is not one of the options — choose one of: 男（male）、女（female）");
    CHECK(errors[2] == "租赁合同登记备案号 (lease_registration_number): the answer is not in the form this "
                       "field asks for — write it as: 租赁合同登记备案证明上的"
                       "编号：6–30位大写字母或数字");
    CHECK(missingOf("GAJ-QR-001", R"({"occupation": "studying", "residence_type": "owned"})") ==
          std::vector<std::string>{"name", "id_number", "birth_date", "sex", "phone", "household_address",
                                   "shanghai_address", "resident_since", "employer"});
}

TEST_CASE("犯罪记录查询申请表: a phone number with a digit missing, a purpose that asks for its detail",
          "[form]") {
    auto errors =
        errorsOf("GAJ-GF-001", R"({"phone": "1371234567", "purpose": "other", "purpose_detail": ")" +
                                   std::string(201, 'x') + R"("})");
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].starts_with("联系电话 (phone) "));
    CHECK(errors[0].ends_with(": a mobile number has 11 digits starting 13 to 19; this one has 10 digits — "
                              "check for a missing or extra digit"));
    CHECK(errors[1] == "具体用途说明 (purpose_detail): the answer has 201 characters, at most 200 are "
                       "allowed — shorten it to 200 characters");
    CHECK(
        missingOf(
            "GAJ-GF-001",
            R"({"name": "刘洋", "id_number": "320583199202290039", "phone": "13712345678", "purpose": "other", "by_agent": true})") ==
        std::vector<std::string>{"purpose_detail", "agent_name", "agent_id_number"});
}

TEST_CASE("最低生活保障申请书: a group of family members, each row checked on its own conditions", "[form]") {
    auto errors = errorsOf("MZJ-JF-001", R"({"household_size": 0, "members": [
        {"name": "吴红", "id_number": "310104196507070018", "relation": "self", "employed": false, "monthly_income": "-100", "disabled": true,
         "disability_card_number": "3101041965070700189"},
        {"name": "吴小军", "relation": "child", "employed": "不知道", "monthly_income": "0", "disabled": false, "nickname": "军军"}]})");
    REQUIRE(errors.size() == 5);
    CHECK(errors[0] == "共同生活家庭成员人数 (household_size): 0 人 is less than the least allowed, 1 人 — "
                       "check the figure against the applicant's documents");
    CHECK(errors[1] == "共同生活家庭成员（含申请人）（第1行）月收入 (members[1].monthly_income): -100 元 is "
                       "less than the least allowed, 0 元 — check the figure "
                       "against the applicant's documents");
    CHECK(errors[2] == "共同生活家庭成员（含申请人）（第1行）残疾人证号 (members[1].disability_card_number): "
                       "the answer is not in the form this field asks for — "
                       "write it as: 20位：身份证号码后加残疾类别（1–7）和等级（1–4）两位数字");
    CHECK(errors[3] == "members[2].nickname: 最低生活保障申请书 has no field \"nickname\" — see the fields "
                       "with: form show MZJ-JF-001");
    CHECK(errors[4] == "共同生活家庭成员（含申请人）（第2行）是否就业 (members[2].employed): the answer must "
                       "be yes or no — answer 是 or 否 (yes or no)");
    const auto check = checkFormValues(shipped("MZJ-JF-001"),
                                       R"({"members": [{"name": "吴红", "relation": "self"}]})", kToday);
    CHECK(check.missing.at(5).field == "household_size");
    CHECK(check.missing.at(6).field == "members[1].id_number");
    CHECK(check.missing.at(6).label == "共同生活家庭成员（含申请人）（第1行）身份证号码");
    // A row's field is hidden by the row's own answers, named with the row.
    const auto rows = checkFormValues(shipped("MZJ-JF-001"),
                                      R"({"members": [{"disabled": true}, {"disabled": false}]})", kToday);
    CHECK(std::find(rows.hidden.begin(), rows.hidden.end(), "members[1].disability_card_number") ==
          rows.hidden.end());
    CHECK(std::find(rows.hidden.begin(), rows.hidden.end(), "members[2].disability_card_number") !=
          rows.hidden.end());
}

TEST_CASE("劳务派遣经营许可申请书: the legal minimum capital, shareholders by kind, a share above 100 %",
          "[form]") {
    auto errors = errorsOf("RSJ-XK-002", R"({"registered_capital": "150", "shareholders": [
        {"name": "郑刚", "kind": "person", "credit_code": "91310000132200821H", "contribution": "150", "share": "101"}]})");
    REQUIRE(errors.size() == 2);
    CHECK(errors[0] == "注册资本 (registered_capital): 150 万元 is less than the least allowed, 200 万元 — "
                       "check the figure against the applicant's documents");
    CHECK(errors[1] == "股东（出资人）（第1行）出资比例 (shareholders[1].share): 101 % is more than the most "
                       "allowed, 100 % — check the figure against the "
                       "applicant's documents");
    // The credit code of a person is not asked for: dropped. The person's ID number is.
    const auto check = checkFormValues(
        shipped("RSJ-XK-002"),
        R"({"shareholders": [{"name": "郑刚", "kind": "person", "credit_code": "91310000132200821H"}]})",
        kToday);
    CHECK(check.values.find("91310000132200821H") == std::string::npos);
    CHECK(std::find_if(check.missing.begin(), check.missing.end(), [](const MissingField& m) {
              return m.field == "shareholders[1].id_number";
          }) != check.missing.end());
}

TEST_CASE("旅行社设立申请书: the deposit the regulation sets, a lease that has ended, a manager's years",
          "[form]") {
    auto errors = errorsOf(
        "WLJ-XK-003", R"({"premises_tenure": "rented", "lease_ends": "2026-06-30", "quality_deposit": "10",
        "managers": [{"name": "冯丽", "years": "十二"}]})");
    REQUIRE(errors.size() == 3);
    CHECK(errors[0] == "租赁期限截止日期 (lease_ends): 2026-06-30 is before the earliest date allowed, "
                       "2026-09-28 — check the date with the applicant");
    CHECK(errors[1] == "旅游服务质量保证金 (quality_deposit): 10 万元 is less than the least allowed, 20 "
                       "万元 — check the figure against the applicant's documents");
    CHECK(errors[2] == "经理人员（第1行）旅游从业年限 (managers[1].years): \"十二\" is not a number — write "
                       "digits, with a decimal point if needed, e.g. 120.5");
}

TEST_CASE("占用、挖掘城市道路申请表: what is asked depends on the kind of work", "[form]") {
    CHECK(missingOf("JSGL-XK-003", R"({"work_kind": "occupy", "night_work": true})") ==
          std::vector<std::string>{"applicant_unit", "credit_code", "road_name", "location", "purpose",
                                   "occupied_area", "start_date", "end_date", "night_work_permit",
                                   "site_manager", "site_manager_phone"});
    CHECK(missingOf("JSGL-XK-003", R"({"work_kind": "excavate", "night_work": false})") ==
          std::vector<std::string>{"applicant_unit", "credit_code", "road_name", "location", "purpose",
                                   "excavation_length", "excavation_width", "start_date", "end_date",
                                   "site_manager", "site_manager_phone"});
    auto errors = errorsOf(
        "JSGL-XK-003", R"({"work_kind": "excavate", "excavation_width": "1.25", "end_date": "2026-9-1"})");
    REQUIRE(errors.size() == 2);
    CHECK(errors[0] ==
          "挖掘宽度 (excavation_width): \"1.25\" has more than 1 decimals — round it to 1 decimals");
    CHECK(
        errors[1] ==
        "占用挖掘结束日期 (end_date): \"2026-9-1\" is not a date — write it as YYYY-MM-DD, e.g. 2026-09-28");
}

TEST_CASE("医师执业注册申请审核表: a certificate number's pattern, other sites as a group", "[form]") {
    auto errors = errorsOf("WSJK-XK-003", R"({"qualification_number": "20193111031010", "other_sites": true,
        "other_institutions": [{"name": "甲"}, {"name": "乙"}, {"name": "丙"}, {"name": "丁"}, {"name": "戊"}, {"name": "己"}]})");
    REQUIRE(errors.size() == 2);
    CHECK(errors[0] == "医师资格证书编码 (qualification_number): the answer is not in the form this field "
                       "asks for — write it as: 医师资格证书上的15位数字编码");
    CHECK(errors[1] == "其他执业机构 (other_institutions): 6 rows are given, at most 5 are allowed — remove "
                       "the rows that are not needed");
    const auto check = checkFormValues(shipped("WSJK-XK-003"), R"({"other_sites": true})", kToday);
    CHECK(check.missing.back().field == "other_institutions");
    CHECK(check.missing.back().label == "其他执业机构（至少1行）");
}

TEST_CASE("the clerk's assignments: field=value, rows of a group counted from 1, clearing and removing",
          "[form]") {
    const auto& form = shipped("RSJ-XK-002");
    FormInput input;
    input.assignments = {"company_name=上海某某人力资源有限公司", "shareholders[1].name=郑刚",
                         "shareholders[1].kind=自然人", "shareholders[1].id_number=310101197803150026",
                         "shareholders[2].name=上海某某投资有限公司"};
    auto check = updateFormValues(form, "{}", input, kToday);
    REQUIRE(check.ok());
    auto values = parsed(check.values);
    CHECK(values->getArray("shareholders")->size() == 2);
    CHECK(values->getArray("shareholders")->getObject(0)->getValue<std::string>("kind") == "person");

    FormInput remove;
    remove.assignments = {"shareholders[1]=", "company_name="};
    auto after = parsed(updateFormValues(form, check.values, remove, kToday).values);
    CHECK_FALSE(after->has("company_name"));
    REQUIRE(after->getArray("shareholders")->size() == 1);
    CHECK(after->getArray("shareholders")->getObject(0)->getValue<std::string>("name") ==
          "上海某某投资有限公司");

    FormInput wrong;
    wrong.assignments = {"shareholders[4].name=某人", "registered_captal=300", "company_name",
                         "shareholders=x", "shareholders[1].age=3"};
    auto refused = updateFormValues(form, check.values, wrong, kToday);
    REQUIRE(refused.errors.size() == 5);
    CHECK(refused.errors[0].str() == "shareholders[4].name=某人: row 4 of \"shareholders\" cannot be set: "
                                     "the group has 2 rows — add the rows in order: "
                                     "the next one is 3");
    CHECK(refused.errors[1].str() == "registered_captal: 劳务派遣经营许可申请书 has no field "
                                     "\"registered_captal\" — did you mean \"registered_capital\"?");
    CHECK(
        refused.errors[2].str() ==
        "company_name: \"company_name\" is not of the form field=value — write --set field=value, e.g. --set "
        "business_name=上海某某餐饮有限公司");
    CHECK(refused.errors[3].str() == "shareholders=x: \"shareholders\" is a repeating group; set one field "
                                     "of one row — write shareholders[1].FIELD=value, "
                                     "rows counted from 1");
    CHECK(refused.errors[4].str() == "shareholders[1].age=3: the group \"shareholders\" has no field \"age\" "
                                     "— see the fields with: form show RSJ-XK-002");
}

TEST_CASE("a new case's form starts with what the applicant's details give", "[form]") {
    Applicant person{ApplicantKind::Person,      "陈阿英", "310104196507070018", "", "", "13812345678",
                     "上海市徐汇区天钥桥路100号"};
    auto values = parsed(defaultFormValues(shipped("SCJG-XK-002"), person, std::nullopt, kToday));
    CHECK(values->getValue<std::string>("operator_name") == "陈阿英");
    CHECK(values->getValue<std::string>("operator_id") == "310104196507070018");
    CHECK(values->getValue<std::string>("operator_birth_date") == "1965-07-07");
    CHECK(values->getValue<std::string>("operator_phone") == "13812345678");
    CHECK(values->getValue<std::string>("operator_residence") == "上海市徐汇区天钥桥路100号");
    Applicant company{ApplicantKind::Organisation,
                      "上海某某餐饮有限公司",
                      "",
                      "91310104MA1FL8TQ0U",
                      "王小明",
                      "021-64871234",
                      ""};
    auto food = parsed(defaultFormValues(shipped("SCJG-XK-001"), company, std::nullopt, kToday));
    CHECK(food->getValue<std::string>("credit_code") == "91310104MA1FL8TQ0U");
    CHECK(food->getValue<std::string>("legal_representative") == "王小明");
    CHECK_FALSE(food->has("residence"));
}

TEST_CASE("the answers as printed: option labels, 是/否, units, a group's rows", "[form]") {
    const auto& form = shipped("RSJ-XK-002");
    const auto shown =
        displayForm(form, checkFormValues(form, validAnswers().at("RSJ-XK-002"), kToday).values);
    REQUIRE(shown.size() == 10);
    CHECK(shown[3].label == "注册资本");
    CHECK(shown[3].text == "300.00万元");
    CHECK(shown[3].onNotice);
    CHECK(shown[7].id == "shareholders");
    REQUIRE(shown[7].rows.size() == 2);
    CHECK(shown[7].rows[0][1].text == "自然人");
    CHECK(shown[7].text == "郑刚，自然人，310101197803150026，180.00万元，60%"
                           "；上海某某投资有限公司，法人或其他组织，91310000132200821H，120.00万元，40%");
    CHECK(shown[8].text == "是");
}

TEST_CASE("a case with an incomplete form cannot be accepted, received cases can; complete, it can",
          "[form]") {
    Item item;
    item.code = "SCJG-XK-001";
    item.name = "食品经营许可（新办）";
    item.department = "徐汇区市场监督管理局";
    item.legalBasis = {"《中华人民共和国食品安全法》第三十五条"};
    item.conditions = {"已取得营业执照"};
    item.limits = {10, 5};
    item.windows = {WindowType::Universal};
    item.materials = {
        {"M01", "申请书", MaterialRequirement::Required, MaterialForm::Original, 1, "签字", "", ""}};
    auto calendarFile = parseCalendarFile(
        ywtb::testing::readFile(ywtb::testing::sourceDir() / "forms/calendar/2026.json"), "2026.json");
    WorkingCalendar calendar;
    calendar.add(calendarFile.year);
    const LifecycleContext context{kToday, &calendar};
    const auto decision = [](DecisionKind kind) {
        Decision d;
        d.kind = kind;
        return d;
    };
    Applicant company{ApplicantKind::Organisation,
                      "上海某某餐饮有限公司",
                      "",
                      "91310104MA1FL8TQ0U",
                      "王小明",
                      "13812345678",
                      ""};
    auto c = openCase(item, "310104-W01-20260928-0001", company, std::nullopt, "W01", WindowType::Universal,
                      "S001", kToday)
                 .value();
    auto parsedForm = parseApplicationForm(
        ywtb::testing::readFile(ywtb::testing::sourceDir() / "forms/application/SCJG-XK-001.json"), "f.json");
    c.form = CaseForm{parsedForm.form, defaultFormValues(*parsedForm.form, company, std::nullopt, kToday)};
    c = recordMaterial(c, "M01", MaterialStatus::Original, "", "").value();

    auto refused = decide(c, decision(DecisionKind::Accept), context);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "lifecycle.form_incomplete");
    CHECK(refused.error().str() == "310104-W01-20260928-0001 (draft): the 食品经营许可申请书 is not "
                                   "complete; still to answer: 法定代表人（负责人）身份证号码 "
                                   "(legal_representative_id)、住所 (residence)、经营场所 "
                                   "(premises_address)、经营场所使用面积 (premises_area)、主体业态 "
                                   "(business_form)、经营项目 (categories)、是否通过网络经营 "
                                   "(online_sales)、从业人员数 (employees)、食品安全管理人员 "
                                   "(safety_officer)、食品安全管理人员身份证号码 (safety_officer_id) — fill "
                                   "them in: case form 310104-W01-20260928-0001 "
                                   "--set FIELD=VALUE, then decide again");
    CHECK(decide(c, decision(DecisionKind::Receive), context)); // 8.1.2: received now, decided later

    auto filled =
        recordForm(c, checkFormValues(*c.form->definition, validAnswers().at("SCJG-XK-001"), kToday).values);
    REQUIRE(filled);
    auto accepted = decide(*filled, decision(DecisionKind::Accept), context);
    REQUIRE(accepted);
    CHECK(accepted->status == CaseStatus::Accepted);
    // Accepted, the form no longer changes.
    CHECK(recordForm(*accepted, "{}").error().code == "lifecycle.state");

    // The case keeps the form as filled, definition and all, through its JSON.
    std::ostringstream json;
    caseToJson(*accepted)->stringify(json);
    auto back = caseFromJson(json.str(), "case");
    INFO((back ? std::string() : back.error().str()));
    REQUIRE(back);
    REQUIRE(back->form);
    CHECK(back->form->definition->version == 1);
    CHECK(back->form->definition->title == "食品经营许可申请书");
    // Read back, the answers are the same (the JSON parser does not keep the key order; the check restores
    // the form's).
    CHECK(checkFormValues(*back->form->definition, back->form->values, kToday).values ==
          accepted->form->values);
    CHECK_FALSE(requireCompleteForm(*back, kToday));
}
