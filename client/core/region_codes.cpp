#include "core/region_codes.h"

#include <array>
#include <utility>

namespace ywtb::core {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 35> kProvinces{{
    {"11", "北京市"},         {"12", "天津市"},         {"13", "河北省"},           {"14", "山西省"},
    {"15", "内蒙古自治区"},   {"21", "辽宁省"},         {"22", "吉林省"},           {"23", "黑龙江省"},
    {"31", "上海市"},         {"32", "江苏省"},         {"33", "浙江省"},           {"34", "安徽省"},
    {"35", "福建省"},         {"36", "江西省"},         {"37", "山东省"},           {"41", "河南省"},
    {"42", "湖北省"},         {"43", "湖南省"},         {"44", "广东省"},           {"45", "广西壮族自治区"},
    {"46", "海南省"},         {"50", "重庆市"},         {"51", "四川省"},           {"52", "贵州省"},
    {"53", "云南省"},         {"54", "西藏自治区"},     {"61", "陕西省"},           {"62", "甘肃省"},
    {"63", "青海省"},         {"64", "宁夏回族自治区"}, {"65", "新疆维吾尔自治区"}, {"71", "台湾省"},
    {"81", "香港特别行政区"}, {"82", "澳门特别行政区"}, {"83", "台湾居民居住证"},
}};

bool allDigits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return !s.empty();
}

} // namespace

std::string_view provinceName(std::string_view twoDigits) {
    for (const auto& [code, name] : kProvinces)
        if (code == twoDigits)
            return name;
    return {};
}

bool isPlausibleRegionCode(std::string_view sixDigits, RegionLevel level) {
    if (sixDigits.size() != 6 || !allDigits(sixDigits))
        return false;
    const auto province = sixDigits.substr(0, 2);
    if (provinceName(province).empty())
        return false;
    const bool permitRegion = province == "71" || province == "81" || province == "82" || province == "83";
    if (permitRegion || level == RegionLevel::AnyLevel)
        return true;
    // A mainland person is registered in a prefecture and county, never at province level alone.
    return sixDigits.substr(2) != "0000";
}

} // namespace ywtb::core
