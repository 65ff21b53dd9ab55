#!/usr/bin/env python3
"""Generates resources/city/beijing.geojson, the simulated city of opsfeed and the
console's base map.

Beijing's road network is famously rectilinear (ring roads are rounded rectangles,
most arterials run north-south or east-west), so the city is built from axis-aligned
lines: four ring roads, a dozen real arterials, and a local street grid per delivery
zone. Every crossing of two lines becomes a shared vertex with identical rounded
coordinates in both LineStrings, which is how the simulator's loader joins them into
one road graph (vertices with equal coordinates are one node).

Deterministic: run it again and the output is byte-identical.
    python3 resources/city/gen_city.py > resources/city/beijing.geojson
"""
import json
import random
import sys

PREC = 6          # ~0.1 m; shared vertices must round identically
SAMPLE_M = 220    # longest gap between vertices along a road
M_PER_DEG_LAT = 111_320.0
M_PER_DEG_LNG = 111_320.0 * 0.7672  # cos(39.9 deg)

# id, name, district, lat, lng, zone half-size (lat deg, lng deg)
DEPOTS = [
    ("BJ-CY-01", "朝阳团结湖站", "朝阳区", 39.921, 116.463, 0.016, 0.021),
    ("BJ-HD-02", "海淀中关村站", "海淀区", 39.959, 116.310, 0.016, 0.021),
    ("BJ-DC-03", "东城东四站", "东城区", 39.929, 116.410, 0.014, 0.019),
    ("BJ-XC-04", "西城西单站", "西城区", 39.908, 116.355, 0.012, 0.017),
    ("BJ-FT-05", "丰台科技园站", "丰台区", 39.852, 116.290, 0.016, 0.021),
]

# Ring roads as (name, south lat, north lat, west lng, east lng).
RINGS = [
    ("二环路", 39.866, 39.949, 116.352, 116.436),
    ("三环路", 39.855, 39.967, 116.305, 116.462),
    ("四环路", 39.835, 39.985, 116.275, 116.488),
    ("五环路", 39.800, 40.020, 116.210, 116.545),
]

# Arterials: (name, "h" lat lng_from lng_to) or (name, "v" lng lat_from lat_to).
ARTERIALS = [
    ("长安街", "h", 39.9075, 116.210, 116.545),
    ("平安大街", "h", 39.9335, 116.340, 116.436),
    ("两广路", "h", 39.8840, 116.305, 116.488),
    ("朝阳北路", "h", 39.9240, 116.436, 116.545),
    ("北土城路", "h", 39.9760, 116.305, 116.462),
    ("丰台北路", "h", 39.8610, 116.210, 116.352),
    ("中关村大街", "v", 116.3165, 39.855, 40.020),
    ("学院南路", "v", 116.3380, 39.855, 39.985),
    ("西单北大街", "v", 116.3735, 39.866, 39.949),
    ("东单北大街", "v", 116.4175, 39.866, 39.949),
    ("东大桥路", "v", 116.4520, 39.855, 39.967),
    ("西三环南路", "v", 116.2935, 39.800, 39.905),
    ("金台路", "v", 116.4745, 39.866, 39.967),
]

STREET_STEP_M = 260  # local street spacing inside a zone

PREFIXES = {
    "朝阳区": ["团结湖", "呼家楼", "金台", "光华", "朝外", "关东店", "甜水园", "六里屯", "农展馆",
             "白家庄", "三里屯", "幸福", "新源", "麦子店", "枣营", "东三环", "工体", "红庙", "延静"],
    "海淀区": ["中关村", "苏州街", "万泉河", "海淀", "知春", "双榆树", "人民大学", "科学院", "芙蓉里",
             "倒座庙", "彩和坊", "丹棱", "善缘", "北四环", "硅谷", "黄庄", "大泥湾", "稻香园"],
    "东城区": ["东四", "南锣", "交道口", "北新桥", "钱粮", "美术馆", "灯市口", "朝阳门", "隆福寺",
             "史家", "内务部", "演乐", "本司", "汪芝麻", "细管", "大佛寺", "宽街", "北兵马司"],
    "西城区": ["西单", "灵境", "太仆寺", "辟才", "丰盛", "砖塔", "二龙路", "文华", "大木仓",
             "西斜", "缸瓦市", "大酱坊", "小石虎", "闹市口", "宣武门", "佟麟阁", "报子"],
    "丰台区": ["科技园", "富丰", "汽车博物馆", "总部基地", "海鹰", "南四环", "航丰", "育仁",
             "郭公庄", "看丹", "新村", "樊家村", "四合庄", "造甲", "六圈", "纪家庙"],
}
SUFFIX_H = ["路", "街", "北路", "南路", "胡同", "里"]
SUFFIX_V = ["路", "街", "东路", "西路", "胡同", "巷"]

MERCHANTS = {
    "fresh": ["鲜果园", "每日鲜生", "京味菜场", "冷链生鲜仓", "有机蔬菜铺", "海鲜码头"],
    "campus": ["学一食堂外卖", "校园奶茶", "图书馆咖啡", "学生超市", "麻辣烫档口"],
    "errand": ["跑腿服务站", "同城急送", "药店代购"],
}
CAMPUS_TAGS = {"朝阳区": "经贸大学", "海淀区": "人民大学", "东城区": "中戏", "西城区": "二龙路中学",
               "丰台区": "首经贸"}


def r(x):
    return round(x, PREC)


def hline(lat, x0, x1):
    return ("h", r(lat), r(min(x0, x1)), r(max(x0, x1)))


def vline(lng, y0, y1):
    return ("v", r(lng), r(min(y0, y1)), r(max(y0, y1)))


def build():
    roads = []  # (name, cls, [segments]) ; a ring is 4 segments in one LineString loop

    for name, s, n, w, e in RINGS:
        roads.append((name, "ring", [hline(s, w, e), vline(e, s, n), hline(n, e, w), vline(w, n, s)],
                      [(s, w), (s, e), (n, e), (n, w), (s, w)]))
    for name, o, a, b, c in ARTERIALS:
        seg = hline(a, b, c) if o == "h" else vline(a, b, c)
        roads.append((name, "arterial", [seg], None))

    rng = random.Random(20261122)
    zones = []
    for did, dname, district, lat, lng, hy, hx in DEPOTS:
        s, n, w, e = lat - hy, lat + hy, lng - hx, lng + hx
        zones.append((did, dname, district, r(s), r(n), r(w), r(e)))
        prefixes = PREFIXES[district][:]
        rng.shuffle(prefixes)
        step_lat = STREET_STEP_M / M_PER_DEG_LAT
        step_lng = STREET_STEP_M / M_PER_DEG_LNG
        i = 0
        y = s
        while y <= n + 1e-9:
            nm = prefixes[i % len(prefixes)] + SUFFIX_H[(i // len(prefixes)) % len(SUFFIX_H)]
            roads.append((nm, "street", [hline(y, w, e)], None))
            y += step_lat
            i += 1
        x = w
        j = 0
        while x <= e + 1e-9:
            nm = prefixes[(j + 7) % len(prefixes)] + SUFFIX_V[(j // len(prefixes)) % len(SUFFIX_V)]
            roads.append((nm, "street", [vline(x, s, n)], None))
            x += step_lng
            j += 1
    return roads, zones, rng


def seg_points(seg, all_segs):
    """Vertices along one axis-aligned segment: its ends, every crossing with a
    perpendicular segment, and samples so no gap exceeds SAMPLE_M."""
    kind, c, a, b = seg
    pts = {a, b}
    for other in all_segs:
        ok, oc, oa, ob = other
        if ok == kind:
            continue
        if a <= oc <= b and oa <= c <= ob:
            pts.add(oc)
    pts = sorted(pts)
    out = []
    scale = M_PER_DEG_LNG if kind == "h" else M_PER_DEG_LAT
    for p, q in zip(pts, pts[1:]):
        out.append(p)
        gap = (q - p) * scale
        k = int(gap // SAMPLE_M)
        for t in range(1, k + 1):
            out.append(r(p + (q - p) * t / (k + 1)))
    out.append(pts[-1])
    return [(c, v) if kind == "h" else (v, c) for v in out]  # (lat, lng)


def main():
    roads, zones, rng = build()
    all_segs = [seg for _, _, segs, _ in roads for seg in segs]
    features = []
    for name, cls, segs, _ in roads:
        coords = []
        for seg in segs:
            pts = seg_points(seg, all_segs)
            if seg[0] == "h" and seg_is_reversed(segs, seg):
                pts.reverse()
            if seg[0] == "v" and seg_is_reversed(segs, seg):
                pts.reverse()
            for lat, lng in pts:
                if coords and coords[-1] == [lng, lat]:
                    continue
                coords.append([lng, lat])
        features.append({"type": "Feature",
                         "geometry": {"type": "LineString", "coordinates": coords},
                         "properties": {"kind": "road", "class": cls, "name": name}})

    for did, dname, district, s, n, w, e in zones:
        # a slightly irregular outline, as real delivery zones follow blocks, not lines
        cy, cx = (s + n) / 2, (w + e) / 2
        ring = [[w, s], [cx, r(s - 0.002)], [e, s], [r(e + 0.002), cy], [e, n], [cx, r(n + 0.002)], [w, n],
                [r(w - 0.002), cy], [w, s]]
        features.append({"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]},
                         "properties": {"kind": "zone", "depot": did, "name": dname.replace("站", "配送区"),
                                        "district": district}})

    # Depots and merchants sit exactly on street vertices so riders start and stop on
    # the road graph.
    street_pts = {}
    for name, cls, segs, _ in roads:
        if cls != "street":
            continue
        for seg in segs:
            for p in seg_points(seg, all_segs):
                street_pts[p] = name

    def nearest(lat, lng):
        return min(street_pts, key=lambda p: ((p[0] - lat) * M_PER_DEG_LAT) ** 2 + ((p[1] - lng) * M_PER_DEG_LNG) ** 2)

    def in_zone(p, z):
        return z[3] <= p[0] <= z[4] and z[5] <= p[1] <= z[6]

    for (did, dname, district, lat, lng, _, _), z in zip(DEPOTS, zones):
        plat, plng = nearest(lat, lng)
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [plng, plat]},
                         "properties": {"kind": "depot", "id": did, "name": dname, "district": district}})
        pts = sorted(p for p in street_pts if in_zone(p, z))
        n = 0
        for channel, names in MERCHANTS.items():
            count = {"fresh": 4, "campus": 3, "errand": 2}[channel]
            picks = rng.sample(names, count)
            for nm in picks:
                n += 1
                plat2, plng2 = rng.choice(pts)
                short = district[:2]
                label = f"{nm}({CAMPUS_TAGS[district]})" if channel == "campus" else f"{nm}({short}{street_pts[(plat2, plng2)]}店)"
                features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [plng2, plat2]},
                                 "properties": {"kind": "merchant", "id": f"M-{did[3:5]}-{n:02d}", "channel": channel,
                                                "depot": did, "name": label}})

    out = {"type": "FeatureCollection",
           "name": "beijing-opsdeck",
           "properties": {"generator": "resources/city/gen_city.py", "crs": "EPSG:4326"},
           "features": features}
    json.dump(out, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")


def seg_is_reversed(segs, seg):
    # Ring sides 3 and 4 run east->west and north->south so the loop is continuous.
    idx = segs.index(seg)
    return len(segs) == 4 and idx >= 2


if __name__ == "__main__":
    main()
