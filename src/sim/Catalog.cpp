#include "Catalog.h"

#include <array>

namespace opsdeck::sim {

namespace {
constexpr std::array<Sku, 18> kCatalog = {{
    {"SKU-F-001", "纯牛奶 250ml×12", "箱", 45.9, Channel::Fresh, true},
    {"SKU-F-002", "土鸡蛋 30枚", "盒", 32.8, Channel::Fresh, true},
    {"SKU-F-003", "丹东草莓 500g", "盒", 39.9, Channel::Fresh, true},
    {"SKU-F-004", "冰鲜三文鱼 200g", "份", 58.0, Channel::Fresh, true},
    {"SKU-F-005", "有机菠菜 300g", "把", 8.5, Channel::Fresh, true},
    {"SKU-F-006", "五花肉 500g", "份", 22.0, Channel::Fresh, true},
    {"SKU-F-007", "海南香蕉 1kg", "袋", 12.9, Channel::Fresh, true},
    {"SKU-F-008", "冰鲜虾仁 250g", "袋", 36.0, Channel::Fresh, true},
    {"SKU-C-001", "黄焖鸡米饭", "份", 22.0, Channel::Campus, true},
    {"SKU-C-002", "珍珠奶茶 大杯", "杯", 15.0, Channel::Campus, true},
    {"SKU-C-003", "麻辣烫", "份", 25.0, Channel::Campus, true},
    {"SKU-C-004", "美式咖啡", "杯", 18.0, Channel::Campus, true},
    {"SKU-C-005", "煎饼果子", "个", 9.0, Channel::Campus, true},
    {"SKU-C-006", "鸡腿饭", "份", 20.0, Channel::Campus, true},
    {"SKU-E-001", "代取快递", "件", 8.0, Channel::Errand, false},
    {"SKU-E-002", "代买药品", "单", 15.0, Channel::Errand, false},
    {"SKU-E-003", "文件急送", "件", 20.0, Channel::Errand, false},
    {"SKU-E-004", "代排队取号", "次", 30.0, Channel::Errand, false},
}};

constexpr std::array<const char *, 30> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                                    "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗",
                                                    "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"};
constexpr std::array<const char *, 40> kGiven = {
    "伟", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "明", "超", "秀英", "霞", "平", "刚", "桂英", "浩然", "子涵", "欣怡", "梓轩", "雨桐", "宇航", "思远",
    "一诺", "佳怡", "建国", "志强", "晓燕", "海燕", "俊杰", "文博", "雪", "婷", "鹏", "晨"};
constexpr std::array<int, 26> kPrefixes = {130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 150, 151, 152,
                                           153, 155, 156, 157, 158, 159, 177, 180, 182, 186, 187, 188, 199};

template<typename A>
const auto &pick(std::mt19937_64 &rng, const A &a)
{
    return a[static_cast<std::size_t>(rng() % a.size())];
}
} // namespace

std::string_view toString(Channel channel)
{
    switch (channel) {
    case Channel::Fresh: return "fresh";
    case Channel::Campus: return "campus";
    case Channel::Errand: return "errand";
    }
    return "errand";
}

Channel channelFromString(std::string_view text)
{
    if (text == "fresh")
        return Channel::Fresh;
    if (text == "campus")
        return Channel::Campus;
    return Channel::Errand;
}

std::span<const Sku> catalog()
{
    return kCatalog;
}

std::string Population::personName(std::mt19937_64 &rng)
{
    return std::string(pick(rng, kSurnames)) + pick(rng, kGiven);
}

std::string Population::mobileNumber(std::mt19937_64 &rng)
{
    std::string s = std::to_string(pick(rng, kPrefixes));
    for (int i = 0; i < 8; ++i)
        s.push_back(static_cast<char>('0' + rng() % 10));
    return s;
}

std::string Population::address(std::mt19937_64 &rng, const std::string &district, const std::string &street)
{
    const auto number = 1 + rng() % 199;
    const auto unit = 1 + rng() % 6;
    const auto floor = 1 + rng() % 24;
    const auto room = 1 + rng() % 4;
    // A city file without districts still gives postal addresses a city part.
    return (district.empty() ? std::string("北京市") : district) + street + std::to_string(number) + "号" + std::to_string(unit) + "单元"
        + std::to_string(floor * 100 + room);
}

} // namespace opsdeck::sim
