#pragma once

#include "core/alerts/AlertTypes.h"

#include <cstdint>
#include <string>
#include <vector>

namespace opsdeck::store {

class Database;

// The alert room's own tables in the console's database (created here with CREATE ...
// IF NOT EXISTS, not by the core schema): the current row of every alert, its full
// change history (who, what, when) with an FTS5 index for search, and the storm
// detector's per weekday-hour history. Runs on the store thread via StoreWorker::post.
// Messages and notes are kept as their code and arguments (message_code, message_args as
// a JSON array; note_code, note_args), so the views word restored alerts in the user's
// language, and as English text (message, note) for search and older readers; rows from
// before codes have only the text and are shown with it.
// Alert texts never carry the customer's name, phone or address (burst subjects are
// hashed), so nothing here goes through the cipher; a rider's report note is kept as
// the rider wrote it (first 200 characters).
namespace alertstore {

void ensureSchema(Database &db);

// One transaction: upserts each changed alert, appends its change, updates storm history.
void write(Database &db, const core::AlertOutput &output);

struct Loaded {
    std::vector<core::Alert> open;     // every alert not resolved
    std::int64_t maxId = 0;            // largest id ever given
    std::vector<core::StormSample> storm;
};
Loaded load(Database &db);

struct HistoryEntry {
    std::int64_t changeId = 0;
    std::int64_t alertId = 0;
    std::int64_t atMs = 0;
    std::string action;
    std::string by;
    std::string state;
    std::string severity;
    std::string ruleId;
    std::string subject;
    core::AlertMessage message; // rows from before codes: their stored English as free text
    core::AlertMessage note;
};
// Newest first. Empty text: the latest changes; otherwise every word must match
// (rule id, subject, message, action, user or note; prefix match).
std::vector<HistoryEntry> searchHistory(Database &db, const std::string &text, int limit);

} // namespace alertstore
} // namespace opsdeck::store
