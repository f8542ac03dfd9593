#include "pipeline/export/atomic_file.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "tests/test_files.h"

namespace rapport::pipeline {
namespace {

namespace fs = std::filesystem;

using testing::ReadFile;

void WriteFile(const fs::path& p, const std::string& s) {
  std::ofstream out(p, std::ios::binary);
  out << s;
}

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rapport_atomic_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(AtomicFileTest, CommitWritesContentAndLeavesNoTemp) {
  const fs::path path = dir_ / "out.txt";
  AtomicFile f(path.string());
  ASSERT_TRUE(f.Open().ok());
  ASSERT_TRUE(f.Append("hello ").ok());
  ASSERT_TRUE(f.Append("world\n").ok());
  EXPECT_TRUE(fs::exists(dir_ / "out.txt.tmp"));
  EXPECT_FALSE(fs::exists(path));
  Status s = f.Commit();
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(ReadFile(path), "hello world\n");
  EXPECT_FALSE(fs::exists(dir_ / "out.txt.tmp"));
}

TEST_F(AtomicFileTest, ReplacesExistingFile) {
  const fs::path path = dir_ / "out.txt";
  WriteFile(path, "old");
  AtomicFile f(path.string());
  ASSERT_TRUE(f.Open().ok());
  ASSERT_TRUE(f.Append("new").ok());
  EXPECT_EQ(ReadFile(path), "old");  // readers see the old content until Commit
  ASSERT_TRUE(f.Commit().ok());
  EXPECT_EQ(ReadFile(path), "new");
}

TEST_F(AtomicFileTest, OldContentStaysWithoutCommit) {
  const fs::path path = dir_ / "out.txt";
  WriteFile(path, "old");
  {
    AtomicFile f(path.string());
    ASSERT_TRUE(f.Open().ok());
    ASSERT_TRUE(f.Append("half-written").ok());
  }
  EXPECT_EQ(ReadFile(path), "old");
  EXPECT_FALSE(fs::exists(dir_ / "out.txt.tmp"));
}

TEST_F(AtomicFileTest, CreatesParentFolders) {
  const fs::path path = dir_ / "a" / "b" / "c" / "out.txt";
  AtomicFile f(path.string());
  ASSERT_TRUE(f.Open().ok());
  ASSERT_TRUE(f.Commit().ok());
  EXPECT_TRUE(fs::is_regular_file(path));
  EXPECT_EQ(ReadFile(path), "");
}

TEST_F(AtomicFileTest, ErrorNamesPathWhenParentIsAFile) {
  WriteFile(dir_ / "file", "x");
  const fs::path path = dir_ / "file" / "sub" / "out.txt";
  AtomicFile f(path.string());
  Status s = f.Open();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_NE(s.message().find((dir_ / "file").string()), std::string::npos) << s.message();
  // Later calls fail cleanly instead of crashing.
  EXPECT_FALSE(f.Append("x").ok());
  EXPECT_FALSE(f.Commit().ok());
}

TEST_F(AtomicFileTest, ErrorIncludesStrerrorWhenTempCannotBeCreated) {
  fs::create_directories(dir_ / "out.txt.tmp");  // a folder where the temp file should go
  AtomicFile f((dir_ / "out.txt").string());
  Status s = f.Open();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("out.txt.tmp"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("Is a directory"), std::string::npos) << s.message();
}

TEST_F(AtomicFileTest, RenameFailureIsReportedAndTempRemoved) {
  const fs::path path = dir_ / "target";
  fs::create_directories(path / "not-empty");  // rename over a non-empty folder fails
  AtomicFile f(path.string());
  ASSERT_TRUE(f.Open().ok());
  ASSERT_TRUE(f.Append("x").ok());
  Status s = f.Commit();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(path.string()), std::string::npos) << s.message();
  EXPECT_FALSE(fs::exists(dir_ / "target.tmp"));
}

TEST_F(AtomicFileTest, MisuseReturnsErrors) {
  AtomicFile f((dir_ / "out.txt").string());
  EXPECT_FALSE(f.Append("x").ok());
  EXPECT_FALSE(f.Commit().ok());
  ASSERT_TRUE(f.Open().ok());
  EXPECT_FALSE(f.Open().ok());
  ASSERT_TRUE(f.Commit().ok());
  EXPECT_FALSE(f.Commit().ok());
}

}  // namespace
}  // namespace rapport::pipeline
