// Tests for <conform/modelarts/training_job.hpp>: the API page's own example and the "full"
// fixture decode (with exactly the expected findings) and round-trip through encode; the text
// and DOM front ends agree; planting any single defect into the example yields exactly that
// one finding while everything else still decodes; hostile input is refused cleanly; and the
// strict, max_diagnostics and fail_fast options behave on a whole response.
#include <conform/modelarts/training_job.hpp>

#include "support/test.hpp"

#include <conform/decode.hpp>
#include <conform/decode_value.hpp>
#include <conform/decode_options.hpp>
#include <conform/encode.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace training_job_test {

namespace ma = conform::modelarts;
using conform::error;
using conform::severity;

std::string example() {
  return conform_test::fixture("valid/api_example.json");
}
std::string full() {
  return conform_test::fixture("valid/full.json");
}

conform::decode_result<ma::training_job> decode_text(std::string const& text,
                                                     conform::decode_options const& o = {}) {
  return conform::decode<ma::training_job>(text, o);
}

/// `text` with the first `from` replaced by `to`; an empty string when `from` is absent (so
/// that a broken row fails loudly instead of testing the unmodified example).
std::string replace_once(std::string text, std::string_view from, std::string_view to) {
  auto at = text.find(from);
  if (at == std::string::npos) {
    return {};
  }
  text.replace(at, from.size(), to);
  return text;
}

/// The example's only finding: running record 0 ends (1701322341) before it starts
/// (1701327093), which the page's own example does (reference.md §1.23).
bool is_example_warning(conform::diagnostic const& d) {
  return d.code == error::cross_member_rule && d.level == severity::warning &&
         d.pointer == "/status/running_records/0/end_at";
}

/// What both front ends must agree on: everything but the position.
struct essence {
  error code;
  severity level;
  std::string pointer;
  std::string expected;
  std::string found;
  friend bool operator==(essence const& a, essence const& b) {
    return a.code == b.code && a.level == b.level && a.pointer == b.pointer &&
           a.expected == b.expected && a.found == b.found;
  }
};

std::vector<essence> essentials(conform::diagnostics const& ds, bool with_found) {
  std::vector<essence> out;
  for (auto const& d : ds) {
    out.push_back({d.code, d.level, d.pointer, d.expected, with_found ? d.found : std::string()});
  }
  return out;
}

/// One defect planted into the API page's example.
struct defect {
  std::string name;
  std::string (*edit)(std::string const& example);
  error code;
  severity level;
  char const* pointer;
  /// False for what a DOM cannot see (duplicate keys, syntax errors).
  bool dom = true;
  /// False when the DOM legitimately words a number differently (it has no raw token: 1e400
  /// is "infinity" there), decode.hpp: "Numbers are taken as Boost.JSON converted them".
  bool dom_found = true;
};

std::string const name65(65, 'n');
std::string const description257(257, 'd');

defect const defects[] = {
    {"priority 4 (the example has no schedule_policy: one is inserted)",
     [](std::string const& t) {
       return replace_once(t, R"("custom_metrics")",
                           R"("schedule_policy" : { "priority" : 4 }, "custom_metrics")");
     },
     error::out_of_range, severity::error, "/spec/schedule_policy/priority"},
    {"a 65-character name",
     [](std::string const& t) {
       return replace_once(t, R"("trainjob--py14_mem06-108")", "\"" + name65 + "\"");
     },
     error::length_out_of_range, severity::error, "/metadata/name"},
    {"a name with a space",
     [](std::string const& t) {
       return replace_once(t, R"("trainjob--py14_mem06-108")", R"("trainjob py14")");
     },
     error::invalid_character, severity::error, "/metadata/name"},
    {"phase Runing (a typo)",
     [](std::string const& t) { return replace_once(t, R"("Abnormal")", R"("Runing")"); },
     error::unknown_enum_value, severity::error, "/status/phase"},
    {"create_time \"abc\"",
     [](std::string const& t) { return replace_once(t, "1636447346315", R"("abc")"); },
     error::type_mismatch, severity::error, "/metadata/create_time"},
    {"workspace_id as a number",
     [](std::string const& t) {
       return replace_once(t, R"("workspace_id" : "0")", R"("workspace_id" : 0)");
     },
     error::type_mismatch, severity::error, "/metadata/workspace_id"},
    {"exit_code 4294967296 (a task_statuses entry is inserted)",
     [](std::string const& t) {
       return replace_once(t, R"("tasks" : [ "worker-0" ])",
                           R"("tasks" : [ "worker-0" ], "task_statuses" : [ { "task" : )"
                           R"("worker-0", "exit_code" : 4294967296 } ])");
     },
     error::integer_overflow, severity::error, "/status/task_statuses/0/exit_code"},
    {"the key kind twice",
     [](std::string const& t) {
       return replace_once(t, R"("kind" : "job",)", R"("kind" : "job", "kind" : "job",)");
     },
     error::duplicate_key, severity::error, "/kind", false},
    {"the document truncated inside algorithm.inputs[0]",
     [](std::string const& t) { return t.substr(0, 1000); }, error::syntax_error, severity::error,
     "/algorithm/inputs/0", false},
    {"a node_count_metrics row of 3 numbers",
     [](std::string const& t) {
       return replace_once(t, "[ 1636447746000, 0 ]", "[ 1636447746000, 0, 1 ]");
     },
     error::length_out_of_range, severity::error, "/status/node_count_metrics/0"},
    {"a node_count_metrics value 1.5",
     [](std::string const& t) {
       return replace_once(t, "[ 1636447755000, 0 ]", "[ 1636447755000, 1.5 ]");
     },
     error::not_integer, severity::error, "/status/node_count_metrics/1/1"},
    {"core_num 8.0",
     [](std::string const& t) {
       return replace_once(t, R"("core_num" : 8)", R"("core_num" : 8.0)");
     },
     error::not_integer, severity::error, "/spec/resource/flavor_detail/flavor_info/cpu/core_num",
     true, false},
    {"cpu_core_num \"5\"",
     [](std::string const& t) {
       return replace_once(t, R"("cpu_core_num" : 5)", R"("cpu_core_num" : "5")");
     },
     error::type_mismatch, severity::error,
     "/spec/resource/main_container_allocated_resources/cpu_core_num"},
    {"mem_size 1e400",
     [](std::string const& t) {
       return replace_once(t, R"("mem_size" : 44)", R"("mem_size" : 1e400)");
     },
     error::out_of_range, severity::error,
     "/spec/resource/main_container_allocated_resources/mem_size", true, false},
    {"http_get with a path but no port",
     [](std::string const& t) {
       return replace_once(t, R"("path" : "/raw_text", "port" : 10001)", R"("path" : "/raw_text")");
     },
     error::cross_member_rule, severity::error, "/spec/custom_metrics/1/http_get/path"},
    {"http_get port as a string (only the type is wrong: the port is there)",
     [](std::string const& t) {
       return replace_once(t, R"("port" : 10001)", R"("port" : "10001")");
     },
     error::type_mismatch, severity::error, "/spec/custom_metrics/1/http_get/port"},
    {"local_code_dir /tmp/x",
     [](std::string const& t) {
       return replace_once(t, R"("engine" : {)", R"("local_code_dir" : "/tmp/x", "engine" : {)");
     },
     error::invalid_value, severity::error, "/algorithm/local_code_dir"},
    {"summary with log_type but no log_dir",
     [](std::string const& t) {
       return replace_once(t, R"("engine" : {)",
                           R"("summary" : { "log_type" : "tensorboard" }, "engine" : {)");
     },
     error::cross_member_rule, severity::error, "/algorithm/summary/log_type"},
    {"affinity_type hyperinstance without affinity_group_size",
     [](std::string const& t) {
       return replace_once(t, R"("custom_metrics")",
                           R"("schedule_policy" : { "required_affinity" : { "affinity_type" : )"
                           R"("hyperinstance" } }, "custom_metrics")");
     },
     error::cross_member_rule, severity::error,
     "/spec/schedule_policy/required_affinity/affinity_type"},
    {"node_count missing",
     [](std::string const& t) { return replace_once(t, R"("node_count" : 1, )", ""); },
     error::missing_member, severity::error, "/spec/resource/node_count"},
    {"flavor_type TPU",
     [](std::string const& t) { return replace_once(t, R"("GPU")", R"("TPU")"); },
     error::unknown_enum_value, severity::error, "/spec/resource/flavor_detail/flavor_type"},
    {"end_recover job_restart (closed list)",
     [](std::string const& t) {
       return replace_once(t, R"("job_reschedule")", R"("job_restart")");
     },
     error::unknown_enum_value, severity::error, "/status/running_records/0/end_recover"},
    {"secondary_phase Brand-New (open list: a warning only)",
     [](std::string const& t) { return replace_once(t, R"("CreateFailed")", R"("Brand-New")"); },
     error::unknown_enum_value, severity::warning, "/status/secondary_phase"},
    {"an unknown member",
     [](std::string const& t) {
       return replace_once(t, R"("user_name" : "")", R"("user_name" : "", "owner" : "x")");
     },
     error::unknown_member, severity::warning, "/metadata/owner"},
    {"a 257-character description (older OTC limit: a warning only)",
     [](std::string const& t) {
       return replace_once(t, R"("description" : "")",
                           "\"description\" : \"" + description257 + "\"");
     },
     error::length_out_of_range, severity::warning, "/metadata/description"},
};

/// "severity code pointer" per diagnostic: compared as a whole, so that a wrong count never
/// stops a test (doctest 2.4.9 skips the remaining subcases after a fatal failure).
std::vector<std::string> lines(conform::diagnostics const& ds) {
  std::vector<std::string> out;
  for (auto const& d : ds) {
    out.push_back(std::string(conform::to_string(d.level)) + " " +
                  std::string(conform::to_string(d.code)) + " " + d.pointer);
  }
  return out;
}

/// A deeply nested array: `depth` '[' then as many ']'.
std::string nested_arrays(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

std::size_t count_code(conform::diagnostics const& ds, error code) {
  std::size_t n = 0;
  for (auto const& d : ds) {
    n += d.code == code;
  }
  return n;
}

// A response with many defects; it starts with an unknown member (a warning), then errors.
std::string const many_defects =
    R"({"x_trace": 1, "kind": "jobb", "metadata": {"name": "a b", "create_time": "x"},)"
    R"( "status": {"phase": "Runing", "secondary_phase": "Brand-New", "duration": 1.5,)"
    R"( "node_count_metrics": [[1], [1, 2, 3]]}, "spec": {"schedule_policy": {"priority": 9}}})";

TEST_SUITE("modelarts/training_job") {
  TEST_CASE("training_job: the API page's example decodes with exactly one warning") {
    auto text = example();
    auto r = decode_text(text);
    CHECK(r.ok());
    REQUIRE_MESSAGE(r.diagnostics.size() == 1, conform::to_string(r.diagnostics));
    auto const& d = r.diagnostics[0];
    CHECK(d.code == error::cross_member_rule);
    CHECK(d.level == severity::warning);
    CHECK(d.pointer == "/status/running_records/0/end_at");
    CHECK(d.expected == "end_at not before start_at");
    CHECK(d.found == "end_at 1701322341 before start_at 1701327093");
    CHECK(d.member == "conform::modelarts::running_record::end_at");
    // At the offending value's first character (the end_at value 1701322341), not its key.
    CHECK(d.offset == text.find("1701322341"));
    CHECK(d.line == 1);
    CHECK(d.column == 495);
    CHECK(r.diagnostics.error_count() == 0);
    CHECK(r.diagnostics.warning_count() == 1);
  }

  TEST_CASE("training_job: every value of the API page's example is decoded") {
    auto r = decode_text(example());
    REQUIRE(r.ok());
    auto const& job = r.value;
    CHECK(job.kind == ma::job_kind::job);
    CHECK(!job.tasks.has_value());
    CHECK(!job.endpoints.has_value());
    CHECK(!job.ftjob_config.has_value());

    REQUIRE(job.metadata.has_value());
    auto const& m = *job.metadata;
    CHECK(m.id.value_or("<absent>") == "3faf5c03-aaa1-4cbe-879d-24b05d997347");
    CHECK(m.name == "trainjob--py14_mem06-108");
    CHECK(m.description.value_or("<absent>") == "");
    CHECK(m.create_time.value_or(-1) == 1636447346315);
    CHECK(m.workspace_id.value_or("<absent>") == "0");
    CHECK(m.user_name.value_or("<absent>") == "");
    CHECK(!m.annotations.has_value());
    CHECK(!m.training_experiment_reference.has_value());

    REQUIRE(job.status.has_value());
    auto const& s = *job.status;
    CHECK(s.phase == ma::job_phase::Abnormal);
    REQUIRE(s.secondary_phase.has_value());
    CHECK(s.secondary_phase->is_known());
    CHECK(*s.secondary_phase == ma::job_secondary_phase::CreateFailed);
    CHECK(s.duration.value_or(-1) == 0);
    CHECK(s.start_time.value_or(-1) == 0);
    // Millisecond timestamps: they need int64 (1636447746000 overflows the SDK's int32).
    static_assert(std::is_same_v<decltype(s.node_count_metrics),
                                 std::optional<std::vector<std::vector<std::int64_t>>>>);
    REQUIRE(s.node_count_metrics.has_value());
    std::vector<std::vector<std::int64_t>> const metrics = {
        {1636447746000, 0}, {1636447755000, 0}, {1636447756000, 0}};
    CHECK(*s.node_count_metrics == metrics);
    REQUIRE(s.tasks.has_value());
    CHECK(*s.tasks == std::vector<std::string>{"worker-0"});
    CHECK(!s.task_statuses.has_value());
    REQUIRE(s.running_records.has_value());
    REQUIRE(s.running_records->size() == 2);
    auto const& r0 = (*s.running_records)[0];
    CHECK(r0.start_at.value_or(-1) == 1701327093);
    CHECK(r0.end_at.value_or(-1) == 1701322341);
    CHECK(r0.start_type == ma::record_start_type::init_or_rescheduled);
    CHECK(r0.end_recover == ma::recover_policy::job_reschedule);
    CHECK(r0.end_reason.value_or("<absent>") == "exit with 127");
    CHECK(r0.end_related_task.value_or("<absent>") == "worker-2");
    CHECK(r0.end_recover_before_downgrade == ma::recover_policy::npu_proc_restart);
    auto const& r1 = (*s.running_records)[1];
    CHECK(r1.start_at.value_or(-1) == 1701323345);
    CHECK(r1.end_at.value_or(-1) == 1701325432);
    CHECK(r1.start_type == ma::record_start_type::init_or_rescheduled);
    CHECK(r1.end_reason.value_or("<absent>") == "job completed");
    CHECK(!r1.end_recover.has_value());
    CHECK(!r1.end_recover_before_downgrade.has_value());
    CHECK(!r1.end_related_task.has_value());

    REQUIRE(job.algorithm.has_value());
    auto const& a = *job.algorithm;
    CHECK(a.code_dir.value_or("<absent>") == "obs://test/economic_test/py_minist/");
    CHECK(a.boot_file.value_or("<absent>") ==
          "obs://test/economic_test/py_minist/minist_common.py");
    CHECK(!a.id.has_value());
    REQUIRE(a.inputs.has_value());
    REQUIRE(a.inputs->size() == 1);
    auto const& in = (*a.inputs)[0];
    CHECK(in.name == "data_url");
    CHECK(in.local_dir.value_or("<absent>") == "/home/ma-user/modelarts/inputs/data_url_0");
    REQUIRE(in.remote.obs.has_value());
    CHECK(in.remote.obs->obs_url == "/test/data/py_minist/");
    CHECK(!in.remote.dataset.has_value());
    REQUIRE(a.outputs.has_value());
    REQUIRE(a.outputs->size() == 1);
    auto const& out = (*a.outputs)[0];
    CHECK(out.name == "train_url");
    CHECK(out.local_dir.value_or("<absent>") == "/home/ma-user/modelarts/outputs/train_url_0");
    CHECK(out.remote.obs.obs_url == "/test/train_output/");
    REQUIRE(a.engine.has_value());
    CHECK(a.engine->engine_id.value_or("<absent>") == "pytorch-cp36-1.4.0-v2");
    CHECK(a.engine->engine_name.value_or("<absent>") == "PyTorch");
    CHECK(a.engine->engine_version.value_or("<absent>") == "PyTorch-1.4.0-python3.6-v2");
    CHECK(!a.engine->image_url.has_value());

    REQUIRE(job.spec.has_value());
    REQUIRE(job.spec->resource.has_value());
    auto const& res = *job.spec->resource;
    CHECK(res.flavor_id == "modelarts.vm.pnt1.large.eco");
    CHECK(res.node_count == 1);
    CHECK(!res.policy.has_value());
    CHECK(!res.pool_id.has_value());
    REQUIRE(res.flavor_detail.has_value());
    auto const& fd = *res.flavor_detail;
    CHECK(fd.flavor_type == ma::resource_flavor_type::GPU);
    REQUIRE(fd.billing.has_value());
    CHECK(fd.billing->code.value_or("<absent>") == "modelarts.vm.gpu.pnt1.eco");
    CHECK(fd.billing->unit_num.value_or(-1) == 1);
    REQUIRE(fd.flavor_info.has_value());
    auto const& fi = *fd.flavor_info;
    REQUIRE(fi.cpu.has_value());
    CHECK(fi.cpu->arch.value_or("<absent>") == "x86");
    CHECK(fi.cpu->core_num.value_or(-1) == 8);
    REQUIRE(fi.gpu.has_value());
    CHECK(fi.gpu->unit_num.value_or(-1) == 1);
    CHECK(fi.gpu->memory.value_or("<absent>") == "8GB");
    CHECK(!fi.gpu->product_name.has_value());
    REQUIRE(fi.memory.has_value());
    CHECK(fi.memory->size.value_or(-1) == 64);
    CHECK(fi.memory->unit.value_or("<absent>") == "GB");
    CHECK(!fi.npu.has_value());
    CHECK(!fi.disk.has_value());
    CHECK(!fi.max_num.has_value());
    // Float members given as integer literals (5, 44, 1) are doubles.
    static_assert(
        std::is_same_v<decltype(ma::allocated_resources::cpu_core_num), std::optional<double>>);
    REQUIRE(res.main_container_allocated_resources.has_value());
    auto const& alloc = *res.main_container_allocated_resources;
    CHECK(alloc.cpu_arch.value_or("<absent>") == "x86");
    CHECK(alloc.cpu_core_num.value_or(-1) == 5.0);
    CHECK(alloc.mem_size.value_or(-1) == 44.0);
    CHECK(alloc.accelerator_num.value_or(-1) == 1.0);
    CHECK(alloc.accelerator_type.value_or("<absent>") == "nvidia-v100-pcie32");
    CHECK(!res.main_container_customized_flavor.has_value());
    CHECK(!job.spec->schedule_policy.has_value());
    CHECK(!job.spec->volumes.has_value());
    CHECK(!job.spec->log_export_path.has_value());
    REQUIRE(job.spec->custom_metrics.has_value());
    auto const& cm = *job.spec->custom_metrics;
    REQUIRE(cm.size() == 2);
    REQUIRE(cm[0].exec.has_value());
    REQUIRE(cm[0].exec->command.has_value());
    CHECK((*cm[0].exec->command == std::vector<std::string>{"cat", "/a/b/c.porm"}));
    CHECK(!cm[0].http_get.has_value());
    CHECK(!cm[1].exec.has_value());
    REQUIRE(cm[1].http_get.has_value());
    CHECK(cm[1].http_get->path.value_or("<absent>") == "/raw_text");
    CHECK(cm[1].http_get->port.value_or(-1) == 10001);
  }

  TEST_CASE("training_job: the full fixture decodes without any diagnostic and round-trips") {
    auto text = full();
    auto r = decode_text(text);
    REQUIRE_MESSAGE(r.diagnostics.empty(), conform::to_string(r.diagnostics));
    CHECK(r.diagnostics.error_count() == 0);
    CHECK(r.diagnostics.warning_count() == 0);

    // Nothing was dropped: the encoding is the same JSON value as the fixture.
    std::string const compact = conform::encode(r.value);
    CHECK(boost::json::parse(compact) == boost::json::parse(text));

    for (std::size_t indent : {std::size_t(0), std::size_t(2)}) {
      CAPTURE(indent);
      std::string const encoded = conform::encode(r.value, conform::encode_options{indent});
      auto again = decode_text(encoded);
      CHECK_MESSAGE(again.diagnostics.empty(), conform::to_string(again.diagnostics));
      // decode(encode(x)) == x, compared through the encoding of both.
      CHECK(conform::encode(again.value) == compact);
      CHECK(conform::encode(again.value, conform::encode_options{indent}) == encoded);
    }
    std::string const indented = conform::encode(r.value, conform::encode_options{2});
    CHECK(indented.find("\n  \"metadata\": {\n    \"id\": ") != std::string::npos);
    CHECK(compact.find('\n') == std::string::npos);
  }

  TEST_CASE("training_job: the API page's example round-trips with its warning") {
    auto r = decode_text(example());
    std::string const encoded = conform::encode(r.value);
    CHECK(boost::json::parse(encoded) == boost::json::parse(example()));
    auto again = decode_text(encoded);
    CHECK(again.ok());
    REQUIRE_MESSAGE(again.diagnostics.size() == 1, conform::to_string(again.diagnostics));
    CHECK(is_example_warning(again.diagnostics[0]));
    CHECK(conform::encode(again.value) == encoded);
  }

  TEST_CASE("training_job: planting one defect into the example yields exactly that finding") {
    std::string const base = example();
    for (auto const& row : defects) {
      CAPTURE(row.name);
      std::string const text = row.edit(base);
      REQUIRE(!text.empty()); // the edit found its place
      REQUIRE(text != base);
      auto r = decode_text(text);
      auto const& ds = r.diagnostics;
      // The planted finding, plus the example's own warning, which is still there.
      CHECK_MESSAGE(ds.size() == 2, conform::to_string(ds));
      std::size_t warnings_of_example = 0;
      std::vector<conform::diagnostic> planted;
      for (auto const& d : ds) {
        if (is_example_warning(d)) {
          ++warnings_of_example;
        } else {
          planted.push_back(d);
        }
      }
      CHECK_MESSAGE(warnings_of_example == 1, conform::to_string(ds));
      CHECK_MESSAGE(planted.size() == 1, conform::to_string(ds));
      if (!planted.empty()) {
        auto const& d = planted[0];
        CHECK_MESSAGE(d.code == row.code, conform::to_string(ds));
        CHECK_MESSAGE(d.level == row.level, conform::to_string(ds));
        CHECK_MESSAGE(d.pointer == row.pointer, conform::to_string(ds));
        CHECK(d.line == 1);
        CHECK(d.offset <= text.size());
        if (row.code == error::syntax_error) {
          // At the end of the input.
          CHECK(d.offset == text.size());
          CHECK(d.column == text.size() + 1);
        }
      }
      CHECK(ds.error_count() == (row.level == severity::error ? 1u : 0u));
      CHECK(r.ok() == (row.level == severity::warning));

      // Everything else still decodes.
      auto const& job = r.value;
      CHECK(job.kind == ma::job_kind::job);
      CHECK((job.metadata && job.metadata->id == "3faf5c03-aaa1-4cbe-879d-24b05d997347"));
      CHECK(
          (job.status && job.status->running_records && job.status->running_records->size() == 2));
      CHECK((job.status && job.status->tasks == std::vector<std::string>{"worker-0"}));
      if (row.code == error::syntax_error) {
        CHECK(!job.spec.has_value()); // past the cut
        continue;
      }
      CHECK((job.algorithm && job.algorithm->engine &&
             job.algorithm->engine->engine_name == "PyTorch"));
      CHECK((job.spec && job.spec->resource &&
             job.spec->resource->flavor_id == "modelarts.vm.pnt1.large.eco"));
      CHECK((job.spec && job.spec->custom_metrics && job.spec->custom_metrics->size() == 2));
    }
  }

  TEST_CASE(
      "training_job: decode_into over any previous response equals a fresh decode (text and DOM)") {
    // A stream reader reuses one object (decode_into recycles its strings and vectors). Over
    // every ordered pair of responses (the example, the full fixture, every invalid fixture,
    // the example with each planted defect, the many-defects response), the object must end
    // exactly as a fresh decode of the second: same value, same diagnostics.
    std::vector<std::string> documents = {example(), full(), many_defects};
    for (auto const& entry : std::filesystem::directory_iterator(
             std::filesystem::path(conform_test::source_dir()) / "tests/fixtures/invalid")) {
      if (entry.path().extension() == ".json") {
        documents.push_back(conform_test::read_file(entry.path().string()));
      }
    }
    for (auto const& row : defects) {
      documents.push_back(row.edit(example()));
    }
    REQUIRE(documents.size() > 40);
    // Over text or DOM inputs alike; returns the number of pairs that differ.
    auto mismatches = [](auto const& inputs) {
      std::vector<conform::diagnostics> fresh;
      std::vector<std::string> encoded;
      for (auto const& input : inputs) {
        auto r = conform::decode<ma::training_job>(input);
        encoded.push_back(conform::encode(r.value));
        fresh.push_back(std::move(r.diagnostics));
      }
      std::size_t count = 0;
      for (std::size_t a = 0; a < inputs.size(); ++a) {
        for (std::size_t b = 0; b < inputs.size(); ++b) {
          ma::training_job job;
          conform::decode_into(job, inputs[a]);
          auto ds = conform::decode_into(job, inputs[b]);
          if (!(ds == fresh[b]) || conform::encode(job) != encoded[b]) {
            ++count;
            CAPTURE(a);
            CAPTURE(b);
            CHECK(ds == fresh[b]);
            CHECK(conform::encode(job) == encoded[b]);
          }
        }
      }
      return count;
    };
    CHECK(mismatches(documents) == 0);
    // The DOM form, over the documents Boost.JSON parses.
    std::vector<boost::json::value> values;
    for (auto const& d : documents) {
      boost::system::error_code ec;
      auto v = boost::json::parse(d, ec);
      if (!ec) {
        values.push_back(std::move(v));
      }
    }
    REQUIRE(values.size() > 30);
    CHECK(mismatches(values) == 0);
  }

  TEST_CASE("training_job: a duplicate key keeps its first value") {
    auto r = decode_text(replace_once(example(), R"("phase" : "Abnormal",)",
                                      R"("phase" : "Abnormal", "phase" : "Running",)"));
    std::vector<std::string> const want = {
        "error duplicate_key /status/phase",
        "warning cross_member_rule /status/running_records/0/end_at"};
    CHECK_MESSAGE(lines(r.diagnostics) == want, conform::to_string(r.diagnostics));
    REQUIRE(r.value.status.has_value());
    CHECK(r.value.status->phase == ma::job_phase::Abnormal);
  }

  TEST_CASE("training_job: an unknown secondary_phase keeps its raw text and writes it back") {
    auto r = decode_text(replace_once(example(), R"("CreateFailed")", R"("Brand-New")"));
    CHECK(r.ok());
    REQUIRE(r.value.status.has_value());
    REQUIRE(r.value.status->secondary_phase.has_value());
    CHECK(!r.value.status->secondary_phase->is_known());
    CHECK(r.value.status->secondary_phase->str() == "Brand-New");
    CHECK(conform::encode(r.value).find(R"("secondary_phase":"Brand-New")") != std::string::npos);
  }

  TEST_CASE("training_job: a rejected member stays absent, its siblings are kept") {
    auto r = decode_text(replace_once(example(), "1636447346315", R"("abc")"));
    REQUIRE(r.value.metadata.has_value());
    CHECK(!r.value.metadata->create_time.has_value());
    CHECK(r.value.metadata->name == "trainjob--py14_mem06-108");
    CHECK(r.value.metadata->user_name.value_or("<absent>") == "");
    CHECK(r.value.metadata->workspace_id.value_or("<absent>") == "0");

    auto typo = decode_text(replace_once(example(), R"("Abnormal")", R"("Runing")"));
    REQUIRE(typo.value.status.has_value());
    CHECK(!typo.value.status->phase.has_value());
    CHECK(typo.value.status->secondary_phase == ma::job_secondary_phase::CreateFailed);
    CHECK(typo.value.status->duration.value_or(-1) == 0);
  }

  TEST_CASE("training_job: the text and DOM front ends report the same findings") {
    struct doc {
      std::string name;
      std::string text;
      bool with_found;
    };
    std::vector<doc> docs = {{"API example", example(), true}, {"full fixture", full(), true}};
    for (auto const& row : defects) {
      if (row.dom) {
        docs.push_back({row.name, row.edit(example()), row.dom_found});
      }
    }
    for (auto const& d : docs) {
      CAPTURE(d.name);
      REQUIRE(!d.text.empty());
      auto from_text = decode_text(d.text);
      boost::system::error_code ec;
      boost::json::value dom = boost::json::parse(d.text, ec);
      REQUIRE(!ec);
      auto from_dom = conform::decode<ma::training_job>(dom);
      CHECK_MESSAGE(essentials(from_text.diagnostics, d.with_found) ==
                        essentials(from_dom.diagnostics, d.with_found),
                    (std::string("text:\n") + conform::to_string(from_text.diagnostics) + "DOM:\n" +
                     conform::to_string(from_dom.diagnostics)));
      CHECK(from_text.diagnostics.error_count() == from_dom.diagnostics.error_count());
      CHECK(from_text.diagnostics.warning_count() == from_dom.diagnostics.warning_count());
      CHECK(conform::encode(from_text.value) == conform::encode(from_dom.value));
      for (auto const& diag : from_dom.diagnostics) {
        CHECK(diag.offset == conform::diagnostic::no_offset);
        CHECK(diag.line == 0);
        CHECK(diag.column == 0);
      }
    }
  }

  TEST_CASE("training_job: a 10,000-deep array is refused with one limit_exceeded") {
    SUBCASE("as the whole document") {
      std::string const text = nested_arrays(10000);
      auto r = decode_text(text);
      CHECK(!r.ok());
      // The root wants an object; then the nesting limit ends the decode. Nothing else.
      std::vector<std::string> const want = {"error type_mismatch ", "error limit_exceeded "};
      CHECK_MESSAGE(lines(r.diagnostics) == want, conform::to_string(r.diagnostics));
      CHECK(count_code(r.diagnostics, error::syntax_error) == 0);
      for (auto const& d : r.diagnostics) {
        if (d.code == error::limit_exceeded) {
          CHECK(d.offset == 64); // the 65th '[' (max_depth 64)
        }
      }
    }
    SUBCASE("nested under an unknown member") {
      std::string const text =
          replace_once(example(), R"("kind" : "job",)",
                       "\"kind\" : \"job\", \"x_debug\" : " + nested_arrays(10000) + ",");
      auto r = decode_text(text);
      CHECK(!r.ok());
      std::vector<std::string> const want = {"warning unknown_member /x_debug",
                                             "error limit_exceeded /x_debug"};
      CHECK_MESSAGE(lines(r.diagnostics) == want, conform::to_string(r.diagnostics));
      CHECK(count_code(r.diagnostics, error::syntax_error) == 0);
      CHECK(r.value.kind == ma::job_kind::job); // decoded before the limit
    }
    SUBCASE("nested under a known array member") {
      std::string const text =
          R"({"status": {"node_count_metrics": )" + nested_arrays(10000) + "}}";
      auto r = decode_text(text);
      CHECK(!r.ok());
      CHECK(count_code(r.diagnostics, error::limit_exceeded) == 1);
      CHECK(count_code(r.diagnostics, error::syntax_error) == 0);
    }
    SUBCASE("a caller-built DOM 10,000 deep") {
      boost::json::value v = boost::json::array();
      boost::json::value* inner = &v;
      for (int i = 0; i < 10000; ++i) {
        inner = &inner->as_array().emplace_back(boost::json::array());
      }
      boost::json::value doc = boost::json::object{{"kind", "job"}, {"x_debug", std::move(v)}};
      auto r = conform::decode<ma::training_job>(doc);
      CHECK(!r.ok());
      CHECK_MESSAGE(count_code(r.diagnostics, error::limit_exceeded) == 1,
                    conform::to_string(r.diagnostics));
      CHECK(r.diagnostics.size() <= 3);
    }
  }

  TEST_CASE("training_job: non-finite and oversized numbers are refused cleanly") {
    struct row {
      char const* name;
      std::string text;
      error code;
      char const* pointer;
      std::string found;
      std::string token; // the value's text: the diagnostic points at its first character
    };
    std::string const digits200 = "1" + std::string(199, '0');
    row const rows[] = {
        {"1e400 in a Float member",
         R"({"spec": {"resource": {"flavor_id": "f", "node_count": 1,)"
         R"( "main_container_allocated_resources": {"mem_size": 1e400}}}})",
         error::out_of_range, "/spec/resource/main_container_allocated_resources/mem_size", "1e400",
         "1e400"},
        {"-1e400 in a Float member",
         R"({"spec": {"resource": {"flavor_id": "f", "node_count": 1,)"
         R"( "main_container_allocated_resources": {"cpu_core_num": -1e400}}}})",
         error::out_of_range, "/spec/resource/main_container_allocated_resources/cpu_core_num",
         "-1e400", "-1e400"},
        // An exponent where an integer belongs: not_integer (error.hpp), finite or not.
        {"1e400 in an integer member", R"({"status": {"duration": 1e400}})", error::not_integer,
         "/status/duration", "1e400", "1e400"},
        {"1e400 under an unknown member", R"({"status": {"x_ratio": 1e400}})", error::out_of_range,
         "/status/x_ratio", "1e400", "1e400"},
        {"a 200-digit integer in an int64 member", R"({"status": {"duration": )" + digits200 + "}}",
         error::integer_overflow, "/status/duration",
         "1000000000000000000000000000000000000000... (200 digits)", digits200},
        {"a 200-digit integer in an int32 member",
         R"({"status": {"retention_time": )" + digits200 + "}}", error::integer_overflow,
         "/status/retention_time", "1000000000000000000000000000000000000000... (200 digits)",
         digits200},
        {"2^63 in an int64 member", R"({"status": {"start_time": 9223372036854775808}})",
         error::integer_overflow, "/status/start_time", "9223372036854775808",
         "9223372036854775808"},
    };
    for (auto const& row : rows) {
      CAPTURE(row.name);
      auto r = decode_text(row.text);
      std::size_t errors = 0;
      conform::diagnostic const* found = nullptr;
      for (auto const& d : r.diagnostics) {
        if (d.level == severity::error) {
          ++errors;
          found = &d;
        }
      }
      CHECK_MESSAGE(errors == 1, conform::to_string(r.diagnostics));
      if (found == nullptr) {
        continue;
      }
      CHECK(found->code == row.code);
      CHECK(found->pointer == row.pointer);
      CHECK(found->found == row.found);
      CHECK(found->offset == row.text.find(row.token));
    }
  }

  TEST_CASE("training_job: strict options turn unknown members and open values into errors") {
    std::string text = replace_once(example(), R"("CreateFailed")", R"("Brand-New")");
    text = replace_once(text, R"("user_name" : "")", R"("user_name" : "", "owner" : "x")");
    REQUIRE(!text.empty());

    auto lenient = decode_text(text);
    CHECK(lenient.ok());
    CHECK(lenient.diagnostics.warning_count() == 3);
    CHECK(lenient.diagnostics.error_count() == 0);

    conform::decode_options strict;
    strict.unknown_members = conform::unknown_member_policy::error;
    strict.unknown_open_enum_values = conform::open_enum_policy::error;
    auto r = decode_text(text, strict);
    CHECK(!r.ok());
    REQUIRE_MESSAGE(r.diagnostics.size() == 3, conform::to_string(r.diagnostics));
    CHECK(r.diagnostics.error_count() == 2);
    CHECK(r.diagnostics.warning_count() == 1);
    std::vector<std::string> got;
    for (auto const& d : r.diagnostics) {
      got.push_back(std::string(conform::to_string(d.level)) + " " +
                    std::string(conform::to_string(d.code)) + " " + d.pointer);
    }
    std::vector<std::string> const want = {
        "error unknown_member /metadata/owner",
        "error unknown_enum_value /status/secondary_phase",
        // The page's own quirk stays a warning: strictness is about unknowns only.
        "warning cross_member_rule /status/running_records/0/end_at",
    };
    CHECK_MESSAGE(got == want, conform::to_string(r.diagnostics));
    // The raw value is still kept.
    REQUIRE(r.value.status.has_value());
    REQUIRE(r.value.status->secondary_phase.has_value());
    CHECK(r.value.status->secondary_phase->str() == "Brand-New");
  }

  TEST_CASE("training_job: max_diagnostics caps a response with many defects") {
    auto all = decode_text(many_defects);
    std::vector<std::string> got;
    for (auto const& d : all.diagnostics) {
      got.push_back(std::string(conform::to_string(d.code)) + " " + d.pointer);
    }
    std::vector<std::string> const want = {
        "unknown_member /x_trace",
        "unknown_enum_value /kind",
        "invalid_character /metadata/name",
        "type_mismatch /metadata/create_time",
        "unknown_enum_value /status/phase",
        "unknown_enum_value /status/secondary_phase",
        "not_integer /status/duration",
        "length_out_of_range /status/node_count_metrics/0",
        "length_out_of_range /status/node_count_metrics/1",
        "out_of_range /spec/schedule_policy/priority",
    };
    REQUIRE_MESSAGE(got == want, conform::to_string(all.diagnostics));
    CHECK(all.diagnostics.error_count() == 8);
    CHECK(all.diagnostics.warning_count() == 2);

    for (std::size_t cap : {std::size_t(0), std::size_t(1), std::size_t(3), std::size_t(9)}) {
      CAPTURE(cap);
      conform::decode_options o;
      o.max_diagnostics = cap;
      auto r = decode_text(many_defects, o);
      CHECK_MESSAGE(r.diagnostics.size() == cap + 1, conform::to_string(r.diagnostics));
      if (r.diagnostics.size() != cap + 1) {
        continue;
      }
      for (std::size_t i = 0; i < cap; ++i) {
        CHECK(r.diagnostics[i] == all.diagnostics[i]);
      }
      auto const& last = r.diagnostics.back();
      CHECK(last.code == error::too_many_diagnostics);
      CHECK(last.level == severity::error);
      CHECK(last.found.find(std::to_string(10 - cap) + " more") == 0);
      // Everything is still counted.
      CHECK(r.diagnostics.error_count() == 8);
      CHECK(r.diagnostics.warning_count() == 2);
      CHECK(!r.ok());
    }
    conform::decode_options o;
    o.max_diagnostics = 10;
    CHECK(decode_text(many_defects, o).diagnostics == all.diagnostics);
  }

  TEST_CASE("training_job: fail_fast stops at the first error, keeping earlier warnings") {
    conform::decode_options o;
    o.fail_fast = true;
    auto check = [](conform::diagnostics const& ds) {
      std::vector<std::string> const want = {"warning unknown_member /x_trace",
                                             "error unknown_enum_value /kind"};
      CHECK_MESSAGE(lines(ds) == want, conform::to_string(ds));
      CHECK(ds.error_count() == 1);
    };
    SUBCASE("from text") {
      check(decode_text(many_defects, o).diagnostics);
    }
    SUBCASE("from a DOM") {
      check(conform::decode<ma::training_job>(boost::json::parse(many_defects), o).diagnostics);
    }
    SUBCASE("a valid response is not affected") {
      auto r = decode_text(example(), o);
      CHECK(r.ok());
      CHECK(r.diagnostics.size() == 1);
    }
  }
}

} // namespace training_job_test
