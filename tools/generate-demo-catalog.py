#!/usr/bin/env python3
"""Writes src/main/resources/project/demo/30-catalog.yaml: the demo project's catalogue.

Deterministic (fixed seed): running it again gives the same file. Edit the tables below and run
    python3 tools/generate-demo-catalog.py
from the repository root, then commit both files.
"""
import hashlib
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/main/resources/project/demo/30-catalog.yaml"
rng = random.Random(20261123)


def stable_id(kind, key):
    """io.patron.common.Ids.stable: the first 26 hex characters of SHA-256(kind NUL key)."""
    return hashlib.sha256((kind + "\0" + key).encode()).hexdigest()[:26]


def ean13(body12):
    digits = [int(c) for c in body12]
    check = (10 - sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10) % 10
    return body12 + str(check)


def q(text):
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"') + '"'


BRANDS = [  # external id, name
    ("nordwind", "Nordwind"), ("alpenkraft", "Alpenkraft"), ("trailhead", "Trailhead"),
    ("boreal", "Boreal Line"), ("vltava", "Vltava Sport"), ("krkonose", "Krkonoše Outdoor"),
    ("urbanmove", "UrbanMove"), ("pulse", "Pulse Running"), ("snezka", "Sněžka"), ("basics", "Patron Basics"),
]

# root -> second level -> leaves; each leaf: (external id, code, en, cs, [product kinds])
# a product kind: (en, cs, sku part, price range CZK, material, weight range g, waterproof, season)
TREE = [
    ("apparel", "10", "Apparel", "Oblečení", [
        ("apparel-men", "1010", "Men", "Pánské", [
            ("apparel-men-tshirts", "101010", "Men's T-shirts", "Pánská trička", [
                ("Merino T-shirt", "Merino tričko", "TSM", (790, 1290), "merino wool", (150, 190), False, "all_year"),
                ("Cotton T-shirt", "Bavlněné tričko", "TSC", (290, 590), "organic cotton", (160, 200), False, "spring_summer"),
                ("Technical T-shirt", "Funkční tričko", "TST", (490, 890), "polyester", (110, 140), False, "spring_summer")]),
            ("apparel-men-jackets", "101020", "Men's jackets", "Pánské bundy", [
                ("Rain jacket", "Nepromokavá bunda", "JKR", (2490, 4990), "nylon", (300, 450), True, "all_year"),
                ("Down jacket", "Péřová bunda", "JKD", (3990, 6990), "down", (450, 700), False, "autumn_winter"),
                ("Softshell jacket", "Softshellová bunda", "JKS", (1990, 3490), "softshell", (400, 550), True, "autumn_winter")]),
            ("apparel-men-trousers", "101030", "Men's trousers", "Pánské kalhoty", [
                ("Hiking trousers", "Turistické kalhoty", "TRH", (1290, 2290), "polyamide", (350, 480), False, "all_year"),
                ("Shorts", "Kraťasy", "TRS", (590, 990), "cotton", (200, 280), False, "spring_summer")]),
        ]),
        ("apparel-women", "1020", "Women", "Dámské", [
            ("apparel-women-tshirts", "102010", "Women's T-shirts", "Dámská trička", [
                ("Merino T-shirt", "Merino tričko", "WTM", (790, 1290), "merino wool", (130, 170), False, "all_year"),
                ("Tank top", "Tílko", "WTT", (290, 490), "organic cotton", (90, 120), False, "spring_summer")]),
            ("apparel-women-dresses", "102020", "Dresses", "Šaty", [
                ("Summer dress", "Letní šaty", "WDS", (990, 1690), "linen", (200, 300), False, "spring_summer"),
                ("Knit dress", "Úpletové šaty", "WDK", (1290, 1990), "wool blend", (350, 500), False, "autumn_winter")]),
            ("apparel-women-jackets", "102030", "Women's jackets", "Dámské bundy", [
                ("Rain jacket", "Nepromokavá bunda", "WJR", (2490, 4790), "nylon", (280, 420), True, "all_year"),
                ("Insulated parka", "Zateplená parka", "WJP", (3990, 6490), "polyester", (700, 950), True, "autumn_winter")]),
        ]),
        ("apparel-kids", "1030", "Kids", "Dětské", [
            ("apparel-kids-tshirts", "103010", "Kids' T-shirts", "Dětská trička", [
                ("Kids T-shirt", "Dětské tričko", "KTS", (190, 390), "organic cotton", (80, 110), False, "spring_summer")]),
            ("apparel-kids-jackets", "103020", "Kids' jackets", "Dětské bundy", [
                ("Kids rain jacket", "Dětská nepromokavá bunda", "KJR", (990, 1790), "nylon", (220, 320), True, "all_year"),
                ("Kids winter jacket", "Dětská zimní bunda", "KJW", (1490, 2490), "polyester", (450, 650), True, "autumn_winter")]),
        ]),
    ]),
    ("footwear", "20", "Footwear", "Obuv", [
        ("footwear-running", "2010", "Running", "Běžecká obuv", [
            ("footwear-running-road", "201010", "Road running shoes", "Silniční běžecké boty", [
                ("Road running shoes", "Silniční běžecké boty", "RRS", (1990, 3990), "mesh", (240, 310), False, "all_year")]),
            ("footwear-running-trail", "201020", "Trail running shoes", "Trailové boty", [
                ("Trail running shoes", "Trailové boty", "TRL", (2290, 4290), "mesh", (270, 340), True, "all_year")]),
        ]),
        ("footwear-outdoor", "2020", "Outdoor", "Outdoorová obuv", [
            ("footwear-outdoor-boots", "202010", "Hiking boots", "Turistické boty", [
                ("Hiking boots", "Turistické boty", "HKB", (2990, 5490), "leather", (550, 800), True, "all_year")]),
            ("footwear-outdoor-sandals", "202020", "Sandals", "Sandály", [
                ("Trekking sandals", "Trekové sandály", "SND", (990, 1990), "synthetic", (250, 380), False, "spring_summer")]),
        ]),
    ]),
    ("equipment", "30", "Equipment", "Vybavení", [
        ("equipment-camping", "3010", "Camping", "Kempování", [
            ("equipment-camping-tents", "301010", "Tents", "Stany", [
                ("Two-person tent", "Stan pro dva", "TN2", (3490, 6990), "polyester", (1800, 2600), True, "spring_summer"),
                ("Ultralight tent", "Ultralehký stan", "TNU", (5990, 9990), "silnylon", (900, 1300), True, "spring_summer")]),
            ("equipment-camping-sleeping", "301020", "Sleeping bags", "Spací pytle", [
                ("Down sleeping bag", "Péřový spací pytel", "SBD", (3990, 7990), "down", (700, 1200), False, "all_year"),
                ("Sleeping mat", "Karimatka", "SBM", (490, 1990), "foam", (300, 700), False, "all_year")]),
            ("equipment-camping-backpacks", "301030", "Backpacks", "Batohy", [
                ("Day pack 25 l", "Batoh 25 l", "BP25", (1290, 2290), "nylon", (600, 900), False, "all_year"),
                ("Trekking pack 50 l", "Batoh 50 l", "BP50", (2490, 4490), "nylon", (1300, 1800), False, "all_year")]),
        ]),
        ("equipment-cycling", "3020", "Cycling", "Cyklistika", [
            ("equipment-cycling-helmets", "302010", "Helmets", "Přilby", [
                ("Cycling helmet", "Cyklistická přilba", "HLM", (990, 2990), "polycarbonate", (250, 350), False, "all_year")]),
            ("equipment-cycling-accessories", "302020", "Cycling accessories", "Cyklodoplňky", [
                ("Bike light set", "Sada světel", "LGT", (390, 1290), "aluminium", (80, 160), True, "all_year"),
                ("Water bottle", "Láhev na pití", "BTL", (149, 349), "polypropylene", (70, 120), False, "all_year")]),
        ]),
        ("equipment-winter", "3030", "Winter", "Zima", [
            ("equipment-winter-gloves", "303010", "Gloves", "Rukavice", [
                ("Insulated gloves", "Zateplené rukavice", "GLV", (490, 1290), "polyester", (90, 160), True, "autumn_winter")]),
            ("equipment-winter-hats", "303020", "Hats", "Čepice", [
                ("Merino beanie", "Merino čepice", "HAT", (390, 790), "merino wool", (50, 90), False, "autumn_winter")]),
        ]),
    ]),
]

COLORS = [("black", "Black", "Černá", "BLK"), ("navy", "Navy", "Námořnická modrá", "NVY"),
          ("red", "Red", "Červená", "RED"), ("green", "Forest green", "Lesní zelená", "GRN"),
          ("grey", "Grey", "Šedá", "GRY"), ("white", "White", "Bílá", "WHT")]
SEASONS = [("spring_summer", "Spring/summer", "Jaro/léto"), ("autumn_winter", "Autumn/winter", "Podzim/zima"),
           ("all_year", "All year", "Celoroční")]
TAGS = [("new", "New", "Novinka"), ("bestseller", "Bestseller", "Nejprodávanější"), ("sale", "Sale", "Výprodej"),
        ("eco", "Eco-friendly", "Ekologické"), ("online_only", "Online only", "Pouze online"),
        ("limited", "Limited edition", "Limitovaná edice")]


def main():
    lines = [
        "# Demo catalogue: product tags, product property definitions, brands, a three-level product",
        "# group tree and a few hundred products. GENERATED by tools/generate-demo-catalog.py: edit the",
        "# script, not this file. Brands, groups and products go through the same synchronisation as",
        "# the batch API (updated by external id / PLU id on every import).",
        "",
        "product_tags:",
    ]
    for text_id, en, cs in TAGS:
        lines.append(f"  - {{ text_id: {text_id}, name: {{ en: {q(en)}, cs: {q(cs)} }} }}")
    lines += [
        "",
        "properties:",
        "  - owner: product",
        "    id: material",
        "    name: { en: Material, cs: Materiál }",
        "    data_type: string",
        "  - owner: product",
        "    id: weight_g",
        "    name: { en: Weight (g), cs: Hmotnost (g) }",
        "    data_type: integer",
        "  - owner: product",
        "    id: waterproof",
        "    name: { en: Waterproof, cs: Nepromokavé }",
        "    data_type: boolean",
        "  - owner: product",
        "    id: color",
        "    name: { en: Colour, cs: Barva }",
        "    data_type: enum",
        "    items:",
    ]
    for text_id, en, cs, _ in COLORS:
        lines.append(f"      - {{ text_id: {text_id}, name: {{ en: {q(en)}, cs: {q(cs)} }} }}")
    lines += [
        "  - owner: product",
        "    id: season",
        "    name: { en: Season, cs: Sezóna }",
        "    data_type: enum",
        "    items:",
    ]
    for text_id, en, cs in SEASONS:
        lines.append(f"      - {{ text_id: {text_id}, name: {{ en: {q(en)}, cs: {q(cs)} }} }}")

    lines += ["", "product_brands:"]
    for ext, name in BRANDS:
        lines.append(f"  - {{ external_id: {ext}, name: {q(name)} }}")

    lines += ["", "product_groups:"]
    leaves = []
    for ext, code, en, cs, children in TREE:
        lines.append(f"  - {{ external_id: {ext}, code: {q(code)}, name: {{ en: {q(en)}, cs: {q(cs)} }} }}")
        for ext2, code2, en2, cs2, leaf_list in children:
            lines.append(f"  - {{ external_id: {ext2}, code: {q(code2)}, parent_external_id: {ext}, "
                         f"name: {{ en: {q(en2)}, cs: {q(cs2)} }} }}")
            for ext3, code3, en3, cs3, kinds in leaf_list:
                lines.append(f"  - {{ external_id: {ext3}, code: {q(code3)}, parent_external_id: {ext2}, "
                             f"name: {{ en: {q(en3)}, cs: {q(cs3)} }} }}")
                leaves.append((ext3, kinds))

    lines += ["", "products:"]
    serial = 0
    for leaf, kinds in leaves:
        for en, cs, sku, (low, high), material, (wlow, whigh), waterproof, season in kinds:
            brands = rng.sample(BRANDS, 3)
            colors = rng.sample(COLORS, 4)
            for brand_ext, brand_name in brands:
                for color, color_en, color_cs, color_sku in colors[:rng.choice([2, 3, 4])]:
                    serial += 1
                    code = f"{100000 + serial}"
                    ean = ean13(f"859400{serial:06d}")
                    price = rng.randrange(low, high + 1, 10) - (1 if rng.random() < 0.6 else 0)
                    weight = rng.randrange(wlow, whigh + 1, 5)
                    tags = []
                    if rng.random() < 0.15:
                        tags.append("new")
                    if rng.random() < 0.12:
                        tags.append("bestseller")
                    if rng.random() < 0.1:
                        tags.append("sale")
                    if material in ("organic cotton", "merino wool", "linen", "down"):
                        tags.append("eco")
                    if rng.random() < 0.05:
                        tags.append("online_only")
                    name_en = f"{brand_name} {en} – {color_en.lower()}"
                    name_cs = f"{brand_name} {cs} – {color_cs.lower()}"
                    color_item = stable_id("property_item", "product:color:" + color)
                    season_item = stable_id("property_item", "product:season:" + season)
                    lines.append(f"  - code: {q(code)}")
                    lines.append(f"    name: {{ en: {q(name_en)}, cs: {q(name_cs)} }}")
                    lines.append(f"    plu_ids: [ {{ list_code: GLOBAL, code: {q(ean)} }}, "
                                 f"{{ list_code: SKU, code: {q(brand_ext[:3].upper() + '-' + sku + '-' + color_sku)} }} ]")
                    lines.append(f"    product_brand_external_id: {brand_ext}")
                    lines.append(f"    product_group_external_id: {leaf}")
                    lines.append(f"    prices: [ {{ currency: CZK, value: {price} }} ]")
                    if tags:
                        lines.append(f"    tags: [ {', '.join(tags)} ]")
                    lines.append("    property_records:")
                    lines.append(f"      - {{ property_id: material, property_value: {q(material)} }}")
                    lines.append(f"      - {{ property_id: weight_g, property_value: {weight} }}")
                    lines.append(f"      - {{ property_id: waterproof, property_value: {'true' if waterproof else 'false'} }}")
                    lines.append(f"      - {{ property_id: color, property_value: [ {q(color_item)} ] }}")
                    lines.append(f"      - {{ property_id: season, property_value: [ {q(season_item)} ] }}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(BRANDS)} brands, {serial} products")


if __name__ == "__main__":
    main()
