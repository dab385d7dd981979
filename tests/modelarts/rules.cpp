// Tests for the rules attached to the ModelArts schema (<conform/modelarts.hpp>): one table of
// pass, fail and boundary rows for every constraint (CONFORM_MEMBER_RULES) and every
// cross-member rule (CONFORM_TYPE_RULES) of include/conform/modelarts/*.hpp, each decoded from
// a small document; a check that the table covers every rule the headers attach; and
// conform::validate() on typed objects, which must find what the decoder finds.
#include <conform/modelarts.hpp>

#include "support/test.hpp"

#include <conform/decode.hpp>
#include <conform/validate.hpp>

#include <cmath>
#include <cstddef>
#include <filesystem>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace rules_test {

namespace ma = conform::modelarts;
using conform::error;
using conform::severity;

/// Which schema type a row's document is decoded as.
enum class doc { job, error_body, path_parameters };

struct row {
  /// The rule under test: "type::member" for a member rule, "type::a+b" for a cross-member
  /// rule relating members a and b (see attached_rules below).
  std::string subject;
  std::string name;
  std::string json;
  bool pass;
  error code = error::syntax_error;
  severity level = severity::error;
  std::string pointer;
  doc type = doc::job;
};

row ok(std::string subject, std::string name, std::string json, doc type = doc::job) {
  return {std::move(subject),
          std::move(name),
          std::move(json),
          true,
          error::syntax_error,
          severity::error,
          "",
          type};
}
row bad(std::string subject, std::string name, std::string json, error code, severity level,
        std::string pointer, doc type = doc::job) {
  return {std::move(subject),
          std::move(name),
          std::move(json),
          false,
          code,
          level,
          std::move(pointer),
          type};
}

// Small documents: a minimal valid training_job ({} is one: every top-level member is
// optional) plus the member under test.
std::string metadata(std::string const& members) {
  return R"({"metadata": {)" + members + "}}";
}
std::string name_doc(std::string const& name) {
  return metadata(R"("name": ")" + name + "\"");
}
std::string description_doc(std::string const& d) {
  return metadata(R"("name": "a", "description": ")" + d + "\"");
}
std::string experiment_doc(std::string const& n) {
  return metadata(R"("name": "a", "training_experiment_reference": {"name": ")" + n + "\"}");
}
std::string metrics_doc(std::string const& rows) {
  return R"({"status": {"node_count_metrics": )" + rows + "}}";
}
std::string records_doc(std::string const& record) {
  return R"({"status": {"running_records": [)" + record + "]}}";
}
std::string recover_doc(std::string const& record) {
  return records_doc(R"({"recover_records": [)" + record + "]}");
}
std::string schedule_doc(std::string const& policy) {
  return R"({"spec": {"schedule_policy": )" + policy + "}}";
}
std::string affinity_doc(std::string const& affinity) {
  return schedule_doc(R"({"required_affinity": )" + affinity + "}");
}
std::string http_get_doc(std::string const& members) {
  return R"({"spec": {"custom_metrics": [{"http_get": {)" + members + "}}]}}";
}
std::string customized_doc(std::string const& members) {
  return R"({"spec": {"resource": {"flavor_id": "f", "node_count": 1,)"
         R"( "main_container_customized_flavor": {)" +
         members + "}}}}";
}
std::string checkpoint_doc(std::string const& members) {
  return R"({"ftjob_config": {"checkpoint_config": {)" + members + "}}}";
}
std::string algorithm_doc(std::string const& members) {
  return R"({"algorithm": {)" + members + "}}";
}
std::string task_algorithm_doc(std::string const& members) {
  return R"({"tasks": [{"algorithm": {)" + members + "}}]}";
}
std::string summary_doc(std::string const& members) {
  return algorithm_doc(R"("summary": {)" + members + "}");
}
std::string error_doc(std::string const& code) {
  return R"({"error_code": ")" + code + R"(", "error_msg": "m"})";
}
std::string path_doc(std::string const& project, std::string const& job) {
  return R"({"project_id": ")" + project + R"(", "training_job_id": ")" + job + "\"}";
}

std::string repeat(std::size_t n, std::string const& s) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += s;
  }
  return out;
}

std::string const e_acute = "\xC3\xA9"; // é, two bytes, one character

std::vector<row> const& rows() {
  static std::vector<row> const table = [] {
    std::vector<row> t = {
        // job_metadata::name: 1 to 64 characters, letters, digits, '_' and '-'.
        bad("job_metadata::name", "0 characters", name_doc(""), error::length_out_of_range,
            severity::error, "/metadata/name"),
        ok("job_metadata::name", "1 character", name_doc("a")),
        ok("job_metadata::name", "64 characters", name_doc(std::string(64, 'a'))),
        bad("job_metadata::name", "65 characters", name_doc(std::string(65, 'a')),
            error::length_out_of_range, severity::error, "/metadata/name"),
        ok("job_metadata::name", "letters", name_doc("abcXYZ")),
        ok("job_metadata::name", "digits", name_doc("0123456789")),
        ok("job_metadata::name", "underscore and hyphen", name_doc("_-a_-")),
        ok("job_metadata::name", "the example's name", name_doc("trainjob--py14_mem06-108")),
        bad("job_metadata::name", "a space", name_doc("a b"), error::invalid_character,
            severity::error, "/metadata/name"),
        bad("job_metadata::name", "a dot", name_doc("a.b"), error::invalid_character,
            severity::error, "/metadata/name"),
        bad("job_metadata::name", "a non-ASCII letter", name_doc("caf" + e_acute),
            error::invalid_character, severity::error, "/metadata/name"),
        bad("job_metadata::name", "a slash", name_doc("a/b"), error::invalid_character,
            severity::error, "/metadata/name"),
        bad("job_metadata::name", "64 non-ASCII letters: the length passes, the charset fails",
            name_doc(repeat(64, e_acute)), error::invalid_character, severity::error,
            "/metadata/name"),
        bad("job_metadata::name", "missing (required)", metadata(R"("id": "x")"),
            error::missing_member, severity::error, "/metadata/name"),

        // job_metadata::description: 0 to 256 characters, a warning only.
        ok("job_metadata::description", "empty", description_doc("")),
        ok("job_metadata::description", "256 characters", description_doc(std::string(256, 'd'))),
        bad("job_metadata::description", "257 characters", description_doc(std::string(257, 'd')),
            error::length_out_of_range, severity::warning, "/metadata/description"),
        ok("job_metadata::description", "256 two-byte characters (characters, not bytes)",
           description_doc(repeat(256, e_acute))),
        bad("job_metadata::description", "257 two-byte characters",
            description_doc(repeat(257, e_acute)), error::length_out_of_range, severity::warning,
            "/metadata/description"),

        // training_experiment_ref::name (SDK only): at most 64 characters.
        ok("training_experiment_ref::name", "empty", experiment_doc("")),
        ok("training_experiment_ref::name", "64 characters", experiment_doc(std::string(64, 'x'))),
        bad("training_experiment_ref::name", "65 characters", experiment_doc(std::string(65, 'x')),
            error::length_out_of_range, severity::error,
            "/metadata/training_experiment_reference/name"),

        // job_status::node_count_metrics: rows of exactly two numbers.
        ok("job_status::node_count_metrics", "no rows", metrics_doc("[]")),
        bad("job_status::node_count_metrics", "a row of 0", metrics_doc("[[]]"),
            error::length_out_of_range, severity::error, "/status/node_count_metrics/0"),
        bad("job_status::node_count_metrics", "a row of 1", metrics_doc("[[1636447746000]]"),
            error::length_out_of_range, severity::error, "/status/node_count_metrics/0"),
        ok("job_status::node_count_metrics", "a row of 2", metrics_doc("[[1636447746000, 0]]")),
        bad("job_status::node_count_metrics", "a row of 3", metrics_doc("[[1636447746000, 0, 1]]"),
            error::length_out_of_range, severity::error, "/status/node_count_metrics/0"),
        bad("job_status::node_count_metrics", "the second row of 3",
            metrics_doc("[[1, 2], [3, 4, 5], [6, 7]]"), error::length_out_of_range, severity::error,
            "/status/node_count_metrics/1"),

        // running_record::start_at+end_at: end_at not before start_at, a warning only.
        bad("running_record::start_at+end_at", "end before start",
            records_doc(R"({"start_at": 1701327093, "end_at": 1701322341})"),
            error::cross_member_rule, severity::warning, "/status/running_records/0/end_at"),
        ok("running_record::start_at+end_at", "end equal to start",
           records_doc(R"({"start_at": 1701327093, "end_at": 1701327093})")),
        ok("running_record::start_at+end_at", "end after start",
           records_doc(R"({"start_at": 1701323345, "end_at": 1701325432})")),
        ok("running_record::start_at+end_at", "only end_at", records_doc(R"({"end_at": 1})")),
        ok("running_record::start_at+end_at", "only start_at", records_doc(R"({"start_at": 9})")),
        bad("running_record::start_at+end_at", "in document order end_at first",
            records_doc(R"({"end_at": 4, "start_at": 5})"), error::cross_member_rule,
            severity::warning, "/status/running_records/0/end_at"),

        // recover_record::recover_start_at+recover_end_at (SDK only): the same, a warning.
        bad("recover_record::recover_start_at+recover_end_at", "end before start",
            recover_doc(R"({"recover_start_at": 5, "recover_end_at": 4})"),
            error::cross_member_rule, severity::warning,
            "/status/running_records/0/recover_records/0/recover_end_at"),
        ok("recover_record::recover_start_at+recover_end_at", "end equal to start",
           recover_doc(R"({"recover_start_at": 5, "recover_end_at": 5})")),
        ok("recover_record::recover_start_at+recover_end_at", "end after start",
           recover_doc(R"({"recover_start_at": 5, "recover_end_at": 6})")),

        // scheduling_policy::priority: 0 to 3.
        bad("scheduling_policy::priority", "-1", schedule_doc(R"({"priority": -1})"),
            error::out_of_range, severity::error, "/spec/schedule_policy/priority"),
        ok("scheduling_policy::priority", "0", schedule_doc(R"({"priority": 0})")),
        ok("scheduling_policy::priority", "3", schedule_doc(R"({"priority": 3})")),
        bad("scheduling_policy::priority", "4", schedule_doc(R"({"priority": 4})"),
            error::out_of_range, severity::error, "/spec/schedule_policy/priority"),
        bad("scheduling_policy::priority", "2^31 (does not even fit)",
            schedule_doc(R"({"priority": 2147483648})"), error::integer_overflow, severity::error,
            "/spec/schedule_policy/priority"),

        // affinity_requirement::affinity_group_size+affinity_type: the size is mandatory when
        // the type is hyperinstance.
        bad("affinity_requirement::affinity_group_size+affinity_type",
            "hyperinstance without a size", affinity_doc(R"({"affinity_type": "hyperinstance"})"),
            error::cross_member_rule, severity::error,
            "/spec/schedule_policy/required_affinity/affinity_type"),
        bad("affinity_requirement::affinity_group_size+affinity_type",
            "hyperinstance with a null size (null is absent)",
            affinity_doc(R"({"affinity_type": "hyperinstance", "affinity_group_size": null})"),
            error::cross_member_rule, severity::error,
            "/spec/schedule_policy/required_affinity/affinity_type"),
        ok("affinity_requirement::affinity_group_size+affinity_type", "hyperinstance with a size",
           affinity_doc(R"({"affinity_type": "hyperinstance", "affinity_group_size": 2})")),
        ok("affinity_requirement::affinity_group_size+affinity_type", "cabinet without a size",
           affinity_doc(R"({"affinity_type": "cabinet"})")),
        ok("affinity_requirement::affinity_group_size+affinity_type", "a size without a type",
           affinity_doc(R"({"affinity_group_size": 2})")),
        bad("affinity_requirement::affinity_group_size+affinity_type",
            "an unknown type without a size: only the open enum's warning",
            affinity_doc(R"({"affinity_type": "networkTopology"})"), error::unknown_enum_value,
            severity::warning, "/spec/schedule_policy/required_affinity/affinity_type"),

        // http_get_action::port: a TCP port, 1 to 65535.
        bad("http_get_action::port", "0", http_get_doc(R"("path": "/m", "port": 0)"),
            error::out_of_range, severity::error, "/spec/custom_metrics/0/http_get/port"),
        ok("http_get_action::port", "1", http_get_doc(R"("path": "/m", "port": 1)")),
        ok("http_get_action::port", "65535", http_get_doc(R"("path": "/m", "port": 65535)")),
        bad("http_get_action::port", "65536", http_get_doc(R"("path": "/m", "port": 65536)"),
            error::out_of_range, severity::error, "/spec/custom_metrics/0/http_get/port"),

        // http_get_action::path+port: both or neither.
        bad("http_get_action::path+port", "path without port", http_get_doc(R"("path": "/m")"),
            error::cross_member_rule, severity::error, "/spec/custom_metrics/0/http_get/path"),
        bad("http_get_action::path+port", "port without path", http_get_doc(R"("port": 8080)"),
            error::cross_member_rule, severity::error, "/spec/custom_metrics/0/http_get/port"),
        ok("http_get_action::path+port", "both", http_get_doc(R"("path": "/m", "port": 8080)")),
        ok("http_get_action::path+port", "neither", http_get_doc("")),
        ok("http_get_action::path+port", "an empty path is still present",
           http_get_doc(R"("path": "", "port": 8080)")),

        // customized_flavor (SDK only): cpu_core_num and mem_size > 0, accelerator_num >= 0.
        bad("customized_flavor::cpu_core_num", "0", customized_doc(R"("cpu_core_num": 0)"),
            error::out_of_range, severity::error,
            "/spec/resource/main_container_customized_flavor/cpu_core_num"),
        bad("customized_flavor::cpu_core_num", "-0.5", customized_doc(R"("cpu_core_num": -0.5)"),
            error::out_of_range, severity::error,
            "/spec/resource/main_container_customized_flavor/cpu_core_num"),
        bad("customized_flavor::cpu_core_num", "-0.0", customized_doc(R"("cpu_core_num": -0.0)"),
            error::out_of_range, severity::error,
            "/spec/resource/main_container_customized_flavor/cpu_core_num"),
        ok("customized_flavor::cpu_core_num", "0.001", customized_doc(R"("cpu_core_num": 0.001)")),
        ok("customized_flavor::cpu_core_num", "4 (an integer literal)",
           customized_doc(R"("cpu_core_num": 4)")),
        bad("customized_flavor::mem_size", "0", customized_doc(R"("mem_size": 0)"),
            error::out_of_range, severity::error,
            "/spec/resource/main_container_customized_flavor/mem_size"),
        bad("customized_flavor::mem_size", "-0.5", customized_doc(R"("mem_size": -0.5)"),
            error::out_of_range, severity::error,
            "/spec/resource/main_container_customized_flavor/mem_size"),
        ok("customized_flavor::mem_size", "0.001", customized_doc(R"("mem_size": 0.001)")),
        ok("customized_flavor::accelerator_num", "0", customized_doc(R"("accelerator_num": 0)")),
        ok("customized_flavor::accelerator_num", "-0.0 (equal to zero)",
           customized_doc(R"("accelerator_num": -0.0)")),
        bad("customized_flavor::accelerator_num", "-0.5",
            customized_doc(R"("accelerator_num": -0.5)"), error::out_of_range, severity::error,
            "/spec/resource/main_container_customized_flavor/accelerator_num"),
        ok("customized_flavor::accelerator_num", "0.001",
           customized_doc(R"("accelerator_num": 0.001)")),

        // checkpoint_conf (SDK only): save_checkpoints_max >= -1, skipped_steps >= 0,
        // restore_training 0 or 1.
        bad("checkpoint_conf::save_checkpoints_max", "-2",
            checkpoint_doc(R"("save_checkpoints_max": -2)"), error::out_of_range, severity::error,
            "/ftjob_config/checkpoint_config/save_checkpoints_max"),
        ok("checkpoint_conf::save_checkpoints_max", "-1 (unlimited)",
           checkpoint_doc(R"("save_checkpoints_max": -1)")),
        ok("checkpoint_conf::save_checkpoints_max", "0 (do not save)",
           checkpoint_doc(R"("save_checkpoints_max": 0)")),
        ok("checkpoint_conf::save_checkpoints_max", "2147483647",
           checkpoint_doc(R"("save_checkpoints_max": 2147483647)")),
        bad("checkpoint_conf::skipped_steps", "-1", checkpoint_doc(R"("skipped_steps": -1)"),
            error::out_of_range, severity::error, "/ftjob_config/checkpoint_config/skipped_steps"),
        ok("checkpoint_conf::skipped_steps", "0", checkpoint_doc(R"("skipped_steps": 0)")),
        ok("checkpoint_conf::skipped_steps", "1", checkpoint_doc(R"("skipped_steps": 1)")),
        bad("checkpoint_conf::restore_training", "-1", checkpoint_doc(R"("restore_training": -1)"),
            error::out_of_range, severity::error,
            "/ftjob_config/checkpoint_config/restore_training"),
        ok("checkpoint_conf::restore_training", "0", checkpoint_doc(R"("restore_training": 0)")),
        ok("checkpoint_conf::restore_training", "1", checkpoint_doc(R"("restore_training": 1)")),
        bad("checkpoint_conf::restore_training", "2", checkpoint_doc(R"("restore_training": 2)"),
            error::out_of_range, severity::error,
            "/ftjob_config/checkpoint_config/restore_training"),

        // log_summary::log_type+log_dir: log_dir is mandatory when log_type is present.
        bad("log_summary::log_type+log_dir", "log_type without log_dir",
            summary_doc(R"("log_type": "tensorboard")"), error::cross_member_rule, severity::error,
            "/algorithm/summary/log_type"),
        bad("log_summary::log_type+log_dir", "mindstudio-insight without log_dir",
            summary_doc(R"("log_type": "mindstudio-insight")"), error::cross_member_rule,
            severity::error, "/algorithm/summary/log_type"),
        ok("log_summary::log_type+log_dir", "log_type with log_dir",
           summary_doc(R"("log_type": "tensorboard", "log_dir": {"pfs": {"pfs_path": "p"}})")),
        ok("log_summary::log_type+log_dir", "log_dir alone (one direction only)",
           summary_doc(R"("log_dir": {"pfs": {"pfs_path": "p"}})")),
        ok("log_summary::log_type+log_dir", "neither", summary_doc("")),

        // job_algorithm::local_code_dir and task_algorithm::local_code_dir: under /home.
        ok("job_algorithm::local_code_dir", "/home/work",
           algorithm_doc(R"("local_code_dir": "/home/work")")),
        ok("job_algorithm::local_code_dir", "/home/ma-user/modelarts/user-job-dir",
           algorithm_doc(R"("local_code_dir": "/home/ma-user/modelarts/user-job-dir")")),
        bad("job_algorithm::local_code_dir", "/home itself",
            algorithm_doc(R"("local_code_dir": "/home")"), error::invalid_value, severity::error,
            "/algorithm/local_code_dir"),
        bad("job_algorithm::local_code_dir", "/home/",
            algorithm_doc(R"("local_code_dir": "/home/")"), error::invalid_value, severity::error,
            "/algorithm/local_code_dir"),
        bad("job_algorithm::local_code_dir", "/homework (a prefix, not a directory)",
            algorithm_doc(R"("local_code_dir": "/homework")"), error::invalid_value,
            severity::error, "/algorithm/local_code_dir"),
        bad("job_algorithm::local_code_dir", "/tmp/x",
            algorithm_doc(R"("local_code_dir": "/tmp/x")"), error::invalid_value, severity::error,
            "/algorithm/local_code_dir"),
        bad("job_algorithm::local_code_dir", "relative home/x",
            algorithm_doc(R"("local_code_dir": "home/x")"), error::invalid_value, severity::error,
            "/algorithm/local_code_dir"),
        bad("job_algorithm::local_code_dir", "empty", algorithm_doc(R"("local_code_dir": "")"),
            error::invalid_value, severity::error, "/algorithm/local_code_dir"),
        ok("task_algorithm::local_code_dir", "/home/ma-user/code",
           task_algorithm_doc(R"("local_code_dir": "/home/ma-user/code")")),
        bad("task_algorithm::local_code_dir", "/home itself",
            task_algorithm_doc(R"("local_code_dir": "/home")"), error::invalid_value,
            severity::error, "/tasks/0/algorithm/local_code_dir"),
        bad("task_algorithm::local_code_dir", "/homework",
            task_algorithm_doc(R"("local_code_dir": "/homework")"), error::invalid_value,
            severity::error, "/tasks/0/algorithm/local_code_dir"),
        bad("task_algorithm::local_code_dir", "/etc",
            task_algorithm_doc(R"("local_code_dir": "/etc")"), error::invalid_value,
            severity::error, "/tasks/0/algorithm/local_code_dir"),

        // job_algorithm::subscription_id+item_version_id: used together.
        bad("job_algorithm::subscription_id+item_version_id", "subscription_id alone",
            algorithm_doc(R"("subscription_id": "s")"), error::cross_member_rule, severity::error,
            "/algorithm/subscription_id"),
        bad("job_algorithm::subscription_id+item_version_id", "item_version_id alone",
            algorithm_doc(R"("item_version_id": "i")"), error::cross_member_rule, severity::error,
            "/algorithm/item_version_id"),
        ok("job_algorithm::subscription_id+item_version_id", "both",
           algorithm_doc(R"("subscription_id": "s", "item_version_id": "i")")),
        ok("job_algorithm::subscription_id+item_version_id", "neither (id alone)",
           algorithm_doc(R"("id": "x")")),

        // job_algorithm::code_dir+boot_file: used together.
        bad("job_algorithm::code_dir+boot_file", "code_dir alone",
            algorithm_doc(R"("code_dir": "/usr/app/")"), error::cross_member_rule, severity::error,
            "/algorithm/code_dir"),
        bad("job_algorithm::code_dir+boot_file", "boot_file alone",
            algorithm_doc(R"("boot_file": "/usr/app/boot.py")"), error::cross_member_rule,
            severity::error, "/algorithm/boot_file"),
        ok("job_algorithm::code_dir+boot_file", "both",
           algorithm_doc(R"("code_dir": "/usr/app/", "boot_file": "/usr/app/boot.py")")),

        // error_body::error_code: "ModelArts." or "APIGW." and four digits, a warning only.
        ok("error_body::error_code", "ModelArts.2775", error_doc("ModelArts.2775"),
           doc::error_body),
        ok("error_body::error_code", "APIGW.0101", error_doc("APIGW.0101"), doc::error_body),
        bad("error_body::error_code", "ModelArts.27", error_doc("ModelArts.27"),
            error::invalid_value, severity::warning, "/error_code", doc::error_body),
        bad("error_body::error_code", "ModelArts.27755", error_doc("ModelArts.27755"),
            error::invalid_value, severity::warning, "/error_code", doc::error_body),
        bad("error_body::error_code", "Foo.1234", error_doc("Foo.1234"), error::invalid_value,
            severity::warning, "/error_code", doc::error_body),
        bad("error_body::error_code", "lower-case modelarts.2775", error_doc("modelarts.2775"),
            error::invalid_value, severity::warning, "/error_code", doc::error_body),
        bad("error_body::error_code", "a letter among the digits", error_doc("APIGW.01a1"),
            error::invalid_value, severity::warning, "/error_code", doc::error_body),

        // path_parameters::project_id: 1 to 64 letters, digits and hyphens.
        bad("path_parameters::project_id", "0 characters", path_doc("", "j"),
            error::length_out_of_range, severity::error, "/project_id", doc::path_parameters),
        ok("path_parameters::project_id", "1 character", path_doc("p", "j"), doc::path_parameters),
        ok("path_parameters::project_id", "64 characters", path_doc(std::string(64, 'p'), "j"),
           doc::path_parameters),
        bad("path_parameters::project_id", "65 characters", path_doc(std::string(65, 'p'), "j"),
            error::length_out_of_range, severity::error, "/project_id", doc::path_parameters),
        bad("path_parameters::project_id", "an underscore", path_doc("a_b", "j"),
            error::invalid_character, severity::error, "/project_id", doc::path_parameters),

        // path_parameters::training_job_id: not empty.
        bad("path_parameters::training_job_id", "empty", path_doc("p", ""),
            error::length_out_of_range, severity::error, "/training_job_id", doc::path_parameters),
        ok("path_parameters::training_job_id", "the example's UUID",
           path_doc("p", "3faf5c03-aaa1-4cbe-879d-24b05d997347"), doc::path_parameters),
    };
    return t;
  }();
  return table;
}

conform::diagnostics decode_row(row const& r) {
  switch (r.type) {
  case doc::error_body:
    return conform::decode<ma::error_body>(r.json).diagnostics;
  case doc::path_parameters:
    return conform::decode<ma::path_parameters>(r.json).diagnostics;
  case doc::job:
    break;
  }
  return conform::decode<ma::training_job>(r.json).diagnostics;
}

/// The same findings from conform::validate() on the decoded value.
conform::diagnostics validate_row(row const& r) {
  switch (r.type) {
  case doc::error_body:
    return conform::validate(conform::decode<ma::error_body>(r.json).value);
  case doc::path_parameters:
    return conform::validate(conform::decode<ma::path_parameters>(r.json).value);
  case doc::job:
    break;
  }
  return conform::validate(conform::decode<ma::training_job>(r.json).value);
}

// ---------------------------------------------------------------------------------------------
// The rules the headers attach, read from the headers themselves, so that a rule added later
// without a row here fails the coverage test.

/// The arguments of the macro call starting at `open` (just past its '('), split at top-level
/// commas; `end` receives the position after the closing ')'.
std::vector<std::string> macro_arguments(std::string const& text, std::size_t open,
                                         std::size_t& end) {
  std::vector<std::string> args(1);
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    char c = text[i];
    if (c == '(' || c == '<') {
      ++depth;
    } else if (c == ')' || c == '>') {
      if (depth == 0 && c == ')') {
        end = i + 1;
        break;
      }
      --depth;
    } else if (c == ',' && depth == 0) {
      args.emplace_back();
      continue;
    }
    if (c != ' ' && c != '\n') {
      args.back() += c;
    }
  }
  return args;
}

/// "type::member" for each member rule other than the sdk_only annotation, and "type::a+b"
/// for each cross-member rule (a, b: the members it names, in order).
std::set<std::string> attached_rules() {
  std::set<std::string> out;
  namespace fs = std::filesystem;
  fs::path dir = fs::path(conform_test::source_dir()) / "include" / "conform" / "modelarts";
  for (auto const& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".hpp") {
      continue;
    }
    std::string const text = conform_test::read_file(entry.path().string());
    for (std::string_view macro : {"CONFORM_MEMBER_RULES(", "CONFORM_TYPE_RULES("}) {
      std::size_t at = 0;
      while ((at = text.find(macro, at)) != std::string::npos) {
        std::size_t end = at + macro.size();
        auto args = macro_arguments(text, at + macro.size(), end);
        at = end;
        if (args.size() < 2) {
          continue;
        }
        std::string const& type = args[0];
        if (macro == "CONFORM_MEMBER_RULES(") {
          for (std::size_t i = 2; i < args.size(); ++i) {
            if (args[i] != "sdk_only") {
              out.insert(type + "::" + args[1]);
            }
          }
          continue;
        }
        for (std::size_t i = 1; i < args.size(); ++i) {
          std::string names;
          std::string const prefix = "&" + type + "::";
          std::size_t p = 0;
          while ((p = args[i].find(prefix, p)) != std::string::npos) {
            p += prefix.size();
            std::size_t q = args[i].find_first_of(",>", p);
            names += (names.empty() ? "" : "+") + args[i].substr(p, q - p);
          }
          out.insert(type + "::" + names);
        }
      }
    }
  }
  return out;
}

std::vector<std::string> essentials(conform::diagnostics const& ds) {
  std::vector<std::string> out;
  for (auto const& d : ds) {
    out.push_back(std::string(conform::to_string(d.level)) + " " +
                  std::string(conform::to_string(d.code)) + " " + d.pointer + " | " + d.expected +
                  " | " + d.found);
  }
  return out;
}

TEST_SUITE("modelarts/rules") {
  TEST_CASE("rules: the minimal document {} is a valid training_job") {
    // The base every row adds one member to: no member of the body is required.
    auto r = conform::decode<ma::training_job>("{}");
    CHECK_MESSAGE(r.diagnostics.empty(), conform::to_string(r.diagnostics));
    CHECK(conform::validate(r.value).empty());
  }

  TEST_CASE("rules: every row passes or fails exactly as the schema says") {
    for (auto const& r : rows()) {
      CAPTURE(r.subject);
      CAPTURE(r.name);
      auto ds = decode_row(r);
      if (r.pass) {
        CHECK_MESSAGE(ds.empty(), conform::to_string(ds));
        continue;
      }
      CHECK_MESSAGE(ds.size() == 1, conform::to_string(ds));
      if (ds.empty()) {
        continue;
      }
      CHECK_MESSAGE(ds[0].code == r.code, conform::to_string(ds));
      CHECK_MESSAGE(ds[0].level == r.level, conform::to_string(ds));
      CHECK_MESSAGE(ds[0].pointer == r.pointer, conform::to_string(ds));
      CHECK(ds.error_count() == (r.level == severity::error ? 1u : 0u));
      CHECK(ds.warning_count() == (r.level == severity::warning ? 1u : 0u));
      // Every rule says what it wanted and what it got.
      CHECK(!ds[0].expected.empty());
      CHECK(!ds[0].found.empty());
      CHECK(ds[0].offset != conform::diagnostic::no_offset);
    }
  }

  TEST_CASE("rules: the table covers every rule attached in include/conform/modelarts") {
    std::set<std::string> passing;
    std::set<std::string> failing;
    for (auto const& r : rows()) {
      (r.pass ? passing : failing).insert(r.subject);
    }
    auto const attached = attached_rules();
    // The headers hold at least the rules known when this test was written.
    CHECK(attached.size() >= 22);
    for (auto const& subject : attached) {
      CAPTURE(subject);
      CHECK(passing.count(subject) == 1);
      CHECK(failing.count(subject) == 1);
    }
    // And no row names a rule that does not exist (a typo would cover nothing).
    for (auto const& subject : failing) {
      CAPTURE(subject);
      CHECK(attached.count(subject) == 1);
    }
  }

  TEST_CASE("rules: validate() agrees with the decoder on what a decoded value holds") {
    // The decoder keeps values that pass or only draw warnings (it drops values that break an
    // error-severity rule, decode.hpp), so validate() on its result must find exactly the
    // warnings again, and nothing for passing rows.
    for (auto const& r : rows()) {
      if (!r.pass && r.level == severity::error) {
        continue;
      }
      CAPTURE(r.subject);
      CAPTURE(r.name);
      auto decoded = decode_row(r);
      auto validated = validate_row(r);
      CHECK_MESSAGE(essentials(validated) == essentials(decoded),
                    (std::string("decode:\n") + conform::to_string(decoded) + "validate:\n" +
                     conform::to_string(validated)));
      for (auto const& d : validated) {
        CHECK(d.offset == conform::diagnostic::no_offset);
        CHECK(d.line == 0);
      }
    }
  }

  TEST_CASE("rules: validate() finds every rule's violation in an object built in C++") {
    struct typed_row {
      std::string subject;
      conform::diagnostics (*run)();
      std::string summary; // conform_test::summary() of the findings
      severity level;
    };
    typed_row const table[] = {
        {"job_metadata::name",
         [] {
           ma::job_metadata m;
           m.name = std::string(65, 'n');
           return conform::validate(m);
         },
         "length_out_of_range /name\n", severity::error},
        {"job_metadata::description",
         [] {
           ma::job_metadata m;
           m.name = "a";
           m.description = std::string(257, 'd');
           return conform::validate(m);
         },
         "length_out_of_range /description\n", severity::warning},
        {"training_experiment_ref::name",
         [] {
           ma::training_experiment_ref e;
           e.name = std::string(65, 'x');
           return conform::validate(e);
         },
         "length_out_of_range /name\n", severity::error},
        {"job_status::node_count_metrics",
         [] {
           ma::job_status s;
           s.node_count_metrics = std::vector<std::vector<std::int64_t>>{{1, 2}, {3}};
           return conform::validate(s);
         },
         "length_out_of_range /node_count_metrics/1\n", severity::error},
        {"running_record::start_at+end_at",
         [] {
           ma::running_record r;
           r.start_at = 1701327093;
           r.end_at = 1701322341;
           return conform::validate(r);
         },
         "cross_member_rule /end_at\n", severity::warning},
        {"recover_record::recover_start_at+recover_end_at",
         [] {
           ma::recover_record r;
           r.recover_start_at = 5;
           r.recover_end_at = 4;
           return conform::validate(r);
         },
         "cross_member_rule /recover_end_at\n", severity::warning},
        {"scheduling_policy::priority",
         [] {
           ma::scheduling_policy p;
           p.priority = 4;
           return conform::validate(p);
         },
         "out_of_range /priority\n", severity::error},
        {"affinity_requirement::affinity_group_size+affinity_type",
         [] {
           ma::affinity_requirement a;
           a.affinity_type = ma::affinity_kind::hyperinstance;
           return conform::validate(a);
         },
         "cross_member_rule /affinity_type\n", severity::error},
        {"http_get_action::port",
         [] {
           ma::http_get_action h;
           h.path = "/m";
           h.port = 65536;
           return conform::validate(h);
         },
         "out_of_range /port\n", severity::error},
        {"http_get_action::path+port",
         [] {
           ma::http_get_action h;
           h.port = 8080;
           return conform::validate(h);
         },
         "cross_member_rule /port\n", severity::error},
        {"customized_flavor::cpu_core_num",
         [] {
           ma::customized_flavor f;
           f.cpu_core_num = 0;
           return conform::validate(f);
         },
         "out_of_range /cpu_core_num\n", severity::error},
        {"customized_flavor::mem_size",
         [] {
           ma::customized_flavor f;
           f.mem_size = -0.5;
           return conform::validate(f);
         },
         "out_of_range /mem_size\n", severity::error},
        {"customized_flavor::accelerator_num",
         [] {
           ma::customized_flavor f;
           f.accelerator_num = -0.5;
           return conform::validate(f);
         },
         "out_of_range /accelerator_num\n", severity::error},
        {"checkpoint_conf::save_checkpoints_max",
         [] {
           ma::checkpoint_conf c;
           c.save_checkpoints_max = -2;
           return conform::validate(c);
         },
         "out_of_range /save_checkpoints_max\n", severity::error},
        {"checkpoint_conf::skipped_steps",
         [] {
           ma::checkpoint_conf c;
           c.skipped_steps = -1;
           return conform::validate(c);
         },
         "out_of_range /skipped_steps\n", severity::error},
        {"checkpoint_conf::restore_training",
         [] {
           ma::checkpoint_conf c;
           c.restore_training = 2;
           return conform::validate(c);
         },
         "out_of_range /restore_training\n", severity::error},
        {"log_summary::log_type+log_dir",
         [] {
           ma::log_summary l;
           l.log_type = ma::summary_log_type::mindstudio_insight;
           return conform::validate(l);
         },
         "cross_member_rule /log_type\n", severity::error},
        {"job_algorithm::local_code_dir",
         [] {
           ma::job_algorithm a;
           a.local_code_dir = "/homework";
           return conform::validate(a);
         },
         "invalid_value /local_code_dir\n", severity::error},
        {"task_algorithm::local_code_dir",
         [] {
           ma::task_algorithm a;
           a.local_code_dir = "/home";
           return conform::validate(a);
         },
         "invalid_value /local_code_dir\n", severity::error},
        {"job_algorithm::subscription_id+item_version_id",
         [] {
           ma::job_algorithm a;
           a.item_version_id = "i";
           return conform::validate(a);
         },
         "cross_member_rule /item_version_id\n", severity::error},
        {"job_algorithm::code_dir+boot_file",
         [] {
           ma::job_algorithm a;
           a.code_dir = "/usr/app/";
           return conform::validate(a);
         },
         "cross_member_rule /code_dir\n", severity::error},
        {"error_body::error_code",
         [] {
           return conform::validate(ma::error_body{"ModelArts.27", "m", {}, {}});
         },
         "invalid_value /error_code\n", severity::warning},
        {"path_parameters::project_id",
         [] {
           return conform::validate(ma::path_parameters{"a_b", "j"});
         },
         "invalid_character /project_id\n", severity::error},
        {"path_parameters::training_job_id",
         [] {
           return conform::validate(ma::path_parameters{"p", ""});
         },
         "length_out_of_range /training_job_id\n", severity::error},
    };
    std::set<std::string> covered;
    for (auto const& row : table) {
      CAPTURE(row.subject);
      covered.insert(row.subject);
      auto ds = row.run();
      CHECK_MESSAGE(conform_test::summary(ds) == row.summary, conform::to_string(ds));
      for (auto const& d : ds) {
        CHECK(d.level == row.level);
        CHECK(!d.expected.empty());
      }
    }
    for (auto const& subject : attached_rules()) {
      CAPTURE(subject);
      CHECK(covered.count(subject) == 1);
    }
  }

  TEST_CASE("rules: validate() checks objects built in C++") {
    SUBCASE("a member constraint, at the member's pointer") {
      ma::scheduling_policy policy;
      policy.priority = 4;
      auto ds = conform::validate(policy);
      CHECK_MESSAGE(essentials(ds) == std::vector<std::string>{"error out_of_range /priority | "
                                                               "a number in [0, 3] | 4"},
                    conform::to_string(ds));
      policy.priority = 3;
      CHECK(conform::validate(policy).empty());
    }
    SUBCASE("deep inside a training_job") {
      ma::training_job job;
      job.spec.emplace().schedule_policy.emplace().priority = -1;
      job.metadata.emplace().name = "a b";
      auto ds = conform::validate(job);
      std::vector<std::string> got;
      for (auto const& d : ds) {
        got.push_back(std::string(conform::to_string(d.code)) + " " + d.pointer);
      }
      CHECK_MESSAGE(
          (got == std::vector<std::string>{"invalid_character /metadata/name",
                                           "out_of_range /spec/schedule_policy/priority"}),
          conform::to_string(ds));
    }
    SUBCASE("an empty name breaks the length only (the charset accepts the empty string)") {
      ma::job_metadata m;
      auto ds = conform::validate(m);
      CHECK_MESSAGE(ds.size() == 1, conform::to_string(ds));
      CHECK(conform_test::codes(ds) == std::vector<error>{error::length_out_of_range});
    }
    SUBCASE("cross-member rules") {
      ma::http_get_action h;
      h.path = "/metrics";
      auto ds = conform::validate(h);
      CHECK_MESSAGE(conform_test::summary(ds) == "cross_member_rule /path\n",
                    conform::to_string(ds));
      h.port = 8080;
      CHECK(conform::validate(h).empty());

      ma::running_record rec;
      rec.start_at = 1701327093;
      rec.end_at = 1701322341;
      auto w = conform::validate(rec);
      CHECK_MESSAGE(conform_test::summary(w) == "cross_member_rule /end_at\n",
                    conform::to_string(w));
      CHECK(!w.has_errors());
      CHECK(w.warning_count() == 1);

      ma::affinity_requirement a;
      a.affinity_type = ma::affinity_kind::hyperinstance;
      CHECK(conform_test::summary(conform::validate(a)) == "cross_member_rule /affinity_type\n");
      a.affinity_group_size = 1;
      CHECK(conform::validate(a).empty());
    }
    SUBCASE("each<> on node_count_metrics rows") {
      ma::job_status s;
      s.node_count_metrics = std::vector<std::vector<std::int64_t>>{{1, 2}, {3}, {4, 5, 6}};
      auto ds = conform::validate(s);
      CHECK_MESSAGE(conform_test::summary(ds) == "length_out_of_range /node_count_metrics/1\n"
                                                 "length_out_of_range /node_count_metrics/2\n",
                    conform::to_string(ds));
    }
    SUBCASE("open enums: an unknown value warns, or errs under the strict policy") {
      ma::job_status s;
      s.secondary_phase = conform::open_enum<ma::job_secondary_phase>::from_string("Brand-New");
      auto ds = conform::validate(s);
      CHECK(conform_test::summary(ds) == "unknown_enum_value /secondary_phase\n");
      CHECK(!ds.has_errors());
      conform::decode_options strict;
      strict.unknown_open_enum_values = conform::open_enum_policy::error;
      CHECK(conform::validate(s, strict).has_errors());
    }
    SUBCASE("a non-finite number is reported once") {
      ma::customized_flavor f;
      f.cpu_core_num = std::numeric_limits<double>::quiet_NaN();
      f.mem_size = std::numeric_limits<double>::infinity();
      f.accelerator_num = 1;
      auto ds = conform::validate(f);
      CHECK_MESSAGE(conform_test::summary(ds) == "out_of_range /cpu_core_num\n"
                                                 "out_of_range /mem_size\n",
                    conform::to_string(ds));
    }
    SUBCASE("the decoded fixtures validate as they decode") {
      auto full = conform::decode<ma::training_job>(conform_test::fixture("valid/full.json"));
      CHECK(full.diagnostics.empty());
      CHECK(conform::validate(full.value).empty());
      auto example =
          conform::decode<ma::training_job>(conform_test::fixture("valid/api_example.json"));
      auto ds = conform::validate(example.value);
      CHECK(essentials(ds) == essentials(example.diagnostics));
    }
    SUBCASE("max_diagnostics bounds validate() as it bounds decode()") {
      ma::job_status s;
      s.node_count_metrics =
          std::vector<std::vector<std::int64_t>>(10, std::vector<std::int64_t>{1});
      conform::decode_options o;
      o.max_diagnostics = 3;
      auto ds = conform::validate(s, o);
      CHECK(ds.error_count() == 10);
      // decode_options::max_diagnostics: "one more too_many_diagnostics entry closes a longer
      // list", so that the list itself says it was cut.
      CHECK_MESSAGE(ds.size() == 4, conform::to_string(ds));
      CHECK(ds.back().code == error::too_many_diagnostics);
    }
  }
}

} // namespace rules_test
