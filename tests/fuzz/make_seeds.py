#!/usr/bin/env python3
"""Seeds for the file-based fuzz targets (capture.sh calls it): the shipped rules and
playbooks, a small city cut from the shipped one, settings files, and tiles."""
import json, os, shutil, sqlite3, struct, sys, zlib

root, out = sys.argv[1], sys.argv[2]
def target(name):
    os.makedirs(os.path.join(out, name), exist_ok=True)
    return os.path.join(out, name)

shutil.copy(os.path.join(root, 'resources/alerts/rules.json'), os.path.join(target('fuzz_alert_rules'), 'shipped.json'))
shutil.copy(os.path.join(root, 'resources/intake/playbooks.json'), os.path.join(target('fuzz_playbooks'), 'shipped.json'))

# The whole city is 150 KB: every input would take milliseconds. A cut keeps each kind.
city = json.load(open(os.path.join(root, 'resources/city/beijing.geojson')))
kinds = {}
for f in city['features']:
    kinds.setdefault(f['properties'].get('kind'), []).append(f)
small = []
for kind, n in (('depot', 2), ('zone', 2), ('road', 8), ('merchant', 4)):
    small += kinds.get(kind, [])[:n]
city['features'] = small
json.dump(city, open(os.path.join(target('fuzz_city_geojson'), 'small.json'), 'w'), ensure_ascii=False, separators=(',', ':'))

def png(w, h):
    rows = b''.join(b'\x00' + b''.join(bytes([(x * 32) % 256, (y * 32) % 256, 128]) for x in range(w)) for y in range(h))
    def chunk(t, data):
        return struct.pack('>I', len(data)) + t + data + struct.pack('>I', zlib.crc32(t + data) & 0xffffffff)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))

tiles = target('fuzz_mbtiles_tile')
tile = png(8, 8)
open(os.path.join(tiles, 'tile.png'), 'wb').write(tile)
open(os.path.join(tiles, 'not-an-image.html'), 'w').write('<html><body>429 Too Many Requests</body></html>')
path = os.path.join(tiles, 'offline.mbtiles')
if os.path.exists(path):
    os.remove(path)
db = sqlite3.connect(path)
db.execute('PRAGMA page_size=512')
db.execute('CREATE TABLE metadata (name TEXT PRIMARY KEY, value TEXT)')
db.execute('CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB,'
           ' PRIMARY KEY (zoom_level, tile_column, tile_row))')
db.execute("INSERT INTO metadata VALUES ('name', 'fuzz'), ('format', 'png')")
db.execute('INSERT INTO tiles VALUES (0, 0, 0, ?)', (tile,))
db.execute('INSERT INTO tiles VALUES (1, 0, 1, ?)', (tile,))
db.commit()
db.execute('VACUUM')
db.close()

settings = target('fuzz_settings')
open(os.path.join(settings, 'logging.ini'), 'w').write(
    '[logging]\nrules="opsdeck.feed.info=true, opsdeck.store.debug=true"\n')
open(os.path.join(settings, 'console.ini'), 'w').write(r'''[General]
lang=zh_CN
[map]
tileUrlTemplate=https://tile.example.org/{z}/{x}/{y}.png
tileCache=/var/cache/opsdeck/tiles.mbtiles
offlineMbtiles=/srv/maps/beijing.mbtiles
tileAttribution="\xa9 OpenStreetMap contributors"
[logging]
rules=opsdeck.*.debug=true;qt.*=false
[board]
views\1\name=At risk
views\1\filter=@Variant(\0\0\0\b\0\0\0\0)
views\size=1
geometry=@ByteArray(\x1\xd9\xd0\xcb\0\x3)
''')
