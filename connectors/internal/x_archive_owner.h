// XArchiveOwner: who an X account archive belongs to, read from account.js.
//
// account.js looks like:
//   window.YTD.account.part0 = [
//     {"account": {"accountId": "1093321775", "username": "dana_rios",
//                  "accountDisplayName": "Dana Rios", "email": "...", ...}}
//   ]
// Plain value type and free functions; thread-safe.
#ifndef RAPPORT_CONNECTORS_INTERNAL_X_ARCHIVE_OWNER_H_
#define RAPPORT_CONNECTORS_INTERNAL_X_ARCHIVE_OWNER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace rapport::connectors::internal {

struct XArchiveOwner {
  std::string id;        // accountId, e.g. "1093321775"
  std::string username;  // e.g. "dana_rios"
  std::string name;      // accountDisplayName, e.g. "Dana Rios" (may be empty)
};

// Parses the text of an account.js (a UTF-8 BOM is allowed). Corruption if it
// is not `window.YTD.account.partN = [{"account": {...}}]` with a non-empty
// accountId and username.
Result<XArchiveOwner> ParseXArchiveAccount(std::string_view text);

// Finds the account part in folder `dir` (account.js if it is one, else the
// first file, by name, whose content starts with `window.YTD.account.`;
// hidden files are ignored) and parses it. NotFound if there is none; the
// Status of ParseXArchiveAccount, naming the file, if it is bad.
Result<XArchiveOwner> ReadXArchiveOwner(const std::string& dir);

}  // namespace rapport::connectors::internal

#endif  // RAPPORT_CONNECTORS_INTERNAL_X_ARCHIVE_OWNER_H_
