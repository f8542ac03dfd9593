// Status and Result<T>: the error values that cross module edges.
//
// Modules return these instead of throwing; exceptions are caught only at the
// CLI boundary (pipeline/main.cc). A Status is a cheap value; multiple threads
// may call const methods on one Status without external synchronization.
#ifndef RAPPORT_BASE_STATUS_H_
#define RAPPORT_BASE_STATUS_H_

#include <optional>
#include <string>
#include <utility>

namespace rapport {

class Status {
 public:
  enum class Code { kOk = 0, kInvalidArgument, kNotFound, kIoError, kCorruption, kUnavailable, kInternal };

  Status() = default;
  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string msg) { return Status(Code::kInvalidArgument, std::move(msg)); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status IoError(std::string msg) { return Status(Code::kIoError, std::move(msg)); }
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }
  static Status Unavailable(std::string msg) { return Status(Code::kUnavailable, std::move(msg)); }
  static Status Internal(std::string msg) { return Status(Code::kInternal, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "ok" or "<code name>: <message>".
  std::string ToString() const {
    if (ok()) return "ok";
    static constexpr const char* kNames[] = {"ok",         "invalid argument", "not found",  "io error",
                                             "corruption", "unavailable",      "internal"};
    return std::string(kNames[static_cast<int>(code_)]) + ": " + message_;
  }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}           // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}   // NOLINT: REQUIRES: !status.ok()
  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() { return *value_; }
  const T& value() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace rapport

// Evaluates `expr` once; returns its Status from the enclosing function when not ok.
#define RAPPORT_RETURN_IF_ERROR(expr)            \
  do {                                           \
    ::rapport::Status _rapport_st = (expr);      \
    if (!_rapport_st.ok()) return _rapport_st;   \
  } while (0)

#endif  // RAPPORT_BASE_STATUS_H_
