// TEST DOUBLE for actions/cache: the restore half (see action.yml). Symlinks are kept as they are,
// as the real action's tar keeps them.
const fs = require("fs");
const path = require("path");
const crypto = require("crypto");

const key = process.env.INPUT_KEY;
const target = process.env.INPUT_PATH;
const entry = path.join(process.env.IDP_TEST_CACHE_DIR, crypto.createHash("sha256").update(key).digest("hex"));
const hit = fs.existsSync(entry);
if (hit) {
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(entry, target, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
  console.log(`Cache restored from key: ${key}`);
} else {
  console.log(`Cache not found for input keys: ${key}`);
}
fs.appendFileSync(process.env.GITHUB_OUTPUT, `cache-hit=${hit}\n`);
fs.appendFileSync(process.env.GITHUB_STATE, `entry=${entry}\nhit=${hit}\ntarget=${target}\n`);
