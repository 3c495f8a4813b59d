// TEST DOUBLE for actions/cache: the save half (see action.yml).
const fs = require("fs");

const entry = process.env.STATE_entry;
const target = process.env.STATE_target;
if (process.env.STATE_hit === "true") {
  console.log("Cache hit occurred on the primary key, not saving cache.");
} else if (!fs.existsSync(target)) {
  console.log(`Path does not exist: ${target}; nothing saved.`);
} else {
  // Write beside the entry and rename, so a parallel job never restores half an entry.
  const partial = `${entry}.${process.pid}.partial`;
  fs.cpSync(target, partial, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
  try { fs.renameSync(partial, entry); } catch (e) { fs.rmSync(partial, { recursive: true, force: true }); }
  console.log(`Cache saved with key: ${process.env.STATE_entry}`);
}
