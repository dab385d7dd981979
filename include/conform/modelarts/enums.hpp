// conform::modelarts: every enumeration of the ShowTrainingJobDetails response, with the source
// of its value list (reference.md §1; the API page's "Range:" lists were lost) and the spelling
// hooks for values that are not C++ identifiers. Whether a member uses the enum closed or as
// open_enum<E> is decided where the member is declared, not here.
#ifndef CONFORM_MODELARTS_ENUMS_HPP
#define CONFORM_MODELARTS_ENUMS_HPP

#include <conform/config.hpp>
#include <conform/enum_spelling.hpp>

#include <boost/describe/enum.hpp>

#include <string_view>

namespace conform::modelarts {

/// `kind` (training job type), closed: reference.md §1.1, the Intl-EN list (job, edge_job,
/// hetero_job, mrs_job, autosearch_job, diag_job, visualization_job) plus federated_pool_job
/// from SDK 3.1.201 (CN order kept).
enum class job_kind {
  job,
  federated_pool_job,
  edge_job,
  hetero_job,
  mrs_job,
  autosearch_job,
  diag_job,
  visualization_job
};
BOOST_DESCRIBE_ENUM(job_kind, job, federated_pool_job, edge_job, hetero_job, mrs_job,
                    autosearch_job, diag_job, visualization_job)

/// `status.phase` (level-1 status), closed: reference.md §1.2 (CN/SDK list, OTC-EN wording).
enum class job_phase {
  Creating,
  Pending,
  Running,
  Failed,
  Completed,
  Terminating,
  Terminated,
  Abnormal
};
BOOST_DESCRIBE_ENUM(job_phase, Creating, Pending, Running, Failed, Completed, Terminating,
                    Terminated, Abnormal)

/// `status.secondary_phase` (level-2 status), used as open_enum: reference.md §1.3 ("may be
/// added, changed, or deleted. Dependency on the status is not recommended.").
enum class job_secondary_phase {
  Creating,
  Queuing,
  Running,
  Failed,
  Completed,
  Terminating,
  Terminated,
  CreateFailed,
  TerminatedFailed,
  Unknown,
  Lost
};
BOOST_DESCRIBE_ENUM(job_secondary_phase, Creating, Queuing, Running, Failed, Completed, Terminating,
                    Terminated, CreateFailed, TerminatedFailed, Unknown, Lost)

/// `running_records[].start_type`, closed: reference.md §1.4 (init_or_rescheduled, restarted).
enum class record_start_type { init_or_rescheduled, restarted };
BOOST_DESCRIBE_ENUM(record_start_type, init_or_rescheduled, restarted)

/// `running_records[].end_recover` and `end_recover_before_downgrade` ("Range: same as that of
/// end_recover."), closed: reference.md §1.5 (fault tolerance policies).
enum class recover_policy {
  npu_proc_restart,
  gpu_proc_restart,
  proc_restart,
  pod_reschedule,
  job_reschedule,
  job_reschedule_with_taint
};
BOOST_DESCRIBE_ENUM(recover_policy, npu_proc_restart, gpu_proc_restart, proc_restart,
                    pod_reschedule, job_reschedule, job_reschedule_with_taint)

/// SDK-only `recover_records[].recover`, closed: reference.md §1.6 (has npu_step_retry and lacks
/// gpu_proc_restart, so it is not recover_policy).
enum class recover_strategy {
  npu_step_retry,
  npu_proc_restart,
  proc_restart,
  pod_reschedule,
  job_reschedule,
  job_reschedule_with_taint
};
BOOST_DESCRIBE_ENUM(recover_strategy, npu_step_retry, npu_proc_restart, proc_restart,
                    pod_reschedule, job_reschedule, job_reschedule_with_taint)

/// SDK-only `recover_records[].fault_scenario`, closed: reference.md §1.6.
enum class fault_scenario_kind {
  chip_fault,
  node_fault,
  job_failed,
  job_hanged,
  job_subhealth,
  error_in_log
};
BOOST_DESCRIBE_ENUM(fault_scenario_kind, chip_fault, node_fault, job_failed, job_hanged,
                    job_subhealth, error_in_log)

/// SDK-only `recover_records[].recover_result`, closed: reference.md §1.6.
enum class recover_outcome { recovering, success, failed, downgrade, terminated, quotaExceeded };
BOOST_DESCRIBE_ENUM(recover_outcome, recovering, success, failed, downgrade, terminated,
                    quotaExceeded)

/// `policies.auto_search.reward_attrs[].mode`, closed: reference.md §1.9 (max, min).
enum class reward_mode { max, min };
BOOST_DESCRIBE_ENUM(reward_mode, max, min)

/// `policies.auto_search.search_params[].param_type` (the page has no search_params table),
/// closed: reference.md §1.9 (continuous, discrete; SDK and OTC-EN).
enum class search_param_type { continuous, discrete };
BOOST_DESCRIBE_ENUM(search_param_type, continuous, discrete)

/// `inputs[].access_method` and `outputs[].access_method`, closed: reference.md §1.10
/// (parameter, env).
enum class access_method_kind { parameter, env };
BOOST_DESCRIBE_ENUM(access_method_kind, parameter, env)

/// `algorithm.summary.log_type`, closed: reference.md §1.13 (tensorboard, mindstudio-insight).
enum class summary_log_type { tensorboard, mindstudio_insight };
BOOST_DESCRIBE_ENUM(summary_log_type, tensorboard, mindstudio_insight)

/// JSON spelling of summary_log_type: "mindstudio-insight" has a hyphen.
constexpr std::string_view conform_enum_spelling(summary_log_type e) noexcept {
  return e == summary_log_type::mindstudio_insight ? std::string_view("mindstudio-insight")
                                                   : std::string_view();
}

/// `parameters[].i18n_description.language`, used as open_enum: reference.md §1.15 (zh-cn,
/// en-us; a conditional list shown only on some sites).
enum class i18n_language { zh_cn, en_us };
BOOST_DESCRIBE_ENUM(i18n_language, zh_cn, en_us)

/// JSON spelling of i18n_language: "zh-cn" and "en-us" have hyphens.
constexpr std::string_view conform_enum_spelling(i18n_language e) noexcept {
  return e == i18n_language::zh_cn ? std::string_view("zh-cn") : std::string_view("en-us");
}

/// `flavor_type` of tasks[].task_resource and spec.resource.flavor_detail, closed:
/// reference.md §1.16 (CPU, GPU, Ascend).
enum class resource_flavor_type { CPU, GPU, Ascend };
BOOST_DESCRIBE_ENUM(resource_flavor_type, CPU, GPU, Ascend)

/// `spec.resource.policy`, closed: reference.md §1.17 (regular: standard mode).
enum class resource_policy { regular };
BOOST_DESCRIBE_ENUM(resource_policy, regular)

/// `required_affinity.affinity_type`, used as open_enum: reference.md §1.20 (cabinet,
/// hyperinstance); open because the doc itself speaks of a third value, networkTopology.
enum class affinity_kind { cabinet, hyperinstance };
BOOST_DESCRIBE_ENUM(affinity_kind, cabinet, hyperinstance)

/// SDK-only `required_affinity.job_level`, closed: reference.md §1.20 (cluster,
/// hyperinstanceGroup; default cluster).
enum class affinity_job_level { cluster, hyperinstanceGroup };
BOOST_DESCRIBE_ENUM(affinity_job_level, cluster, hyperinstanceGroup)

/// SDK-only `required_affinity.affinity_group_level`, used as open_enum: reference.md §1.20
/// (hyperinstance, slice); open because its stated default, hyperinstanceGroup, is not listed.
enum class affinity_group_level_kind { hyperinstance, slice };
BOOST_DESCRIBE_ENUM(affinity_group_level_kind, hyperinstance, slice)

} // namespace conform::modelarts

#endif // CONFORM_MODELARTS_ENUMS_HPP
