// conform::modelarts: the `status` object of a training job (Status) and what it holds: task
// statuses, running records with their SDK-only recover records, and SDK-only task IPs.
// The ordering of timestamps is a warning only: the page's own example breaks it.
#ifndef CONFORM_MODELARTS_JOB_STATUS_HPP
#define CONFORM_MODELARTS_JOB_STATUS_HPP

#include <conform/config.hpp>
#include <conform/constraints.hpp>
#include <conform/cross_member.hpp>
#include <conform/open_enum.hpp>
#include <conform/schema.hpp>
#include <conform/modelarts/enums.hpp>
#include <conform/modelarts/sdk_only.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace conform::modelarts {

/// TaskStatuses object: status of one training job subtask.
struct task_status {
  /// Training job subtask name. Range: N/A
  std::optional<std::string> task;
  /// Exit code of a training job subtask. Range: N/A
  std::optional<std::int32_t> exit_code;
  /// Error message of a training job subtask. Range: N/A
  std::optional<std::string> message;
};
BOOST_DESCRIBE_STRUCT(task_status, (), (task, exit_code, message))

/// RecoverRecord object (SDK 3.1.201 only): one fault tolerance action within a running record.
struct recover_record {
  /// SDK 3.1.201 only. Unix timestamp (seconds) when the recovery started, which is also when
  /// the fault happened. int64.
  std::optional<std::int64_t> recover_start_at;
  /// SDK 3.1.201 only. Unix timestamp (seconds) when the recovery ended. int64. Not before
  /// recover_start_at (a warning).
  std::optional<std::int64_t> recover_end_at;
  /// SDK 3.1.201 only. Fault tolerance policy of this recovery: npu_step_retry,
  /// npu_proc_restart, proc_restart, pod_reschedule, job_reschedule, job_reschedule_with_taint.
  std::optional<recover_strategy> recover;
  /// SDK 3.1.201 only. Fault scenario: chip_fault, node_fault, job_failed, job_hanged,
  /// job_subhealth, error_in_log.
  std::optional<fault_scenario_kind> fault_scenario;
  /// SDK 3.1.201 only. Reason of the fault.
  std::optional<std::string> reason;
  /// SDK 3.1.201 only. Task (worker) related to the fault, e.g. worker-0.
  std::optional<std::string> related_task;
  /// SDK 3.1.201 only. Result of the recovery: recovering, success, failed, downgrade,
  /// terminated, quotaExceeded.
  std::optional<recover_outcome> recover_result;
};
BOOST_DESCRIBE_STRUCT(recover_record, (),
                      (recover_start_at, recover_end_at, recover, fault_scenario, reason,
                       related_task, recover_result))
CONFORM_MEMBER_RULES(recover_record, recover_start_at, sdk_only);
CONFORM_MEMBER_RULES(recover_record, recover_end_at, sdk_only);
CONFORM_MEMBER_RULES(recover_record, recover, sdk_only);
CONFORM_MEMBER_RULES(recover_record, fault_scenario, sdk_only);
CONFORM_MEMBER_RULES(recover_record, reason, sdk_only);
CONFORM_MEMBER_RULES(recover_record, related_task, sdk_only);
CONFORM_MEMBER_RULES(recover_record, recover_result, sdk_only);
CONFORM_TYPE_RULES(recover_record,
                   conform::warn<conform::ordered<&recover_record::recover_start_at,
                                                  &recover_record::recover_end_at>>);

/// RunningRecord object: one running and fault recovery record of a training job.
struct running_record {
  /// Unix timestamp of the start time in the current running record, in seconds. Range: N/A
  /// (page type Integer; SDK int64).
  std::optional<std::int64_t> start_at;
  /// Unix timestamp of the end time in the current running record, in seconds. Range: N/A
  /// (page type Integer; SDK int64). Not before start_at: a warning only, because the page's
  /// example has end_at 1701322341 before start_at 1701327093.
  std::optional<std::int64_t> end_at;
  /// SDK 3.1.201 only. Unix timestamp (seconds) when the accelerators (xPU) started. int64.
  std::optional<std::int64_t> xpu_start_at;
  /// Local running startup mode. Range: init_or_rescheduled, restarted.
  std::optional<record_start_type> start_type;
  /// Reason why the running ends. Range: N/A
  std::optional<std::string> end_reason;
  /// ID of the task worker (for example, worker-0) that ends the running. Range: N/A
  std::optional<std::string> end_related_task;
  /// Fault tolerance policy used after the running ends. Range: npu_proc_restart,
  /// gpu_proc_restart, proc_restart, pod_reschedule, job_reschedule, job_reschedule_with_taint.
  std::optional<recover_policy> end_recover;
  /// Fault tolerance policy adopted after the running is complete but before the fault
  /// tolerance policy is degraded. Range: same as that of end_recover.
  std::optional<recover_policy> end_recover_before_downgrade;
  /// SDK 3.1.201 only. Fault tolerance actions taken during this running.
  std::optional<std::vector<recover_record>> recover_records;
};
BOOST_DESCRIBE_STRUCT(running_record, (),
                      (start_at, end_at, xpu_start_at, start_type, end_reason, end_related_task,
                       end_recover, end_recover_before_downgrade, recover_records))
CONFORM_MEMBER_RULES(running_record, xpu_start_at, sdk_only);
CONFORM_MEMBER_RULES(running_record, recover_records, sdk_only);
CONFORM_TYPE_RULES(
    running_record,
    conform::warn<conform::ordered<&running_record::start_at, &running_record::end_at>>);

/// TaskIP object (SDK 3.1.201 only; Go TaskIp): addresses of one task.
struct task_ip {
  /// SDK 3.1.201 only. Task name, e.g. worker-0.
  std::optional<std::string> task;
  /// SDK 3.1.201 only. IP address of the task.
  std::optional<std::string> ip;
  /// SDK 3.1.201 only. IP address of the host; only for dedicated-pool jobs.
  std::optional<std::string> host_ip;
  /// SDK 3.1.201 only. Number of times the task was scheduled.
  std::optional<std::int32_t> schedule_count;
};
BOOST_DESCRIBE_STRUCT(task_ip, (), (task, ip, host_ip, schedule_count))
CONFORM_MEMBER_RULES(task_ip, task, sdk_only);
CONFORM_MEMBER_RULES(task_ip, ip, sdk_only);
CONFORM_MEMBER_RULES(task_ip, host_ip, sdk_only);
CONFORM_MEMBER_RULES(task_ip, schedule_count, sdk_only);

/// Status object: training job status information.
struct job_status {
  /// Level-1 status of a training job. Range: Creating, Pending, Running, Failed, Completed,
  /// Terminating, Terminated, Abnormal.
  std::optional<job_phase> phase;
  /// Level-2 status of a training job. The values are internal detailed statuses and may be
  /// added, changed, or deleted. Range: Creating, Queuing, Running, Failed, Completed,
  /// Terminating, Terminated, CreateFailed, TerminatedFailed, Unknown, Lost (open: an unknown
  /// value is kept and warned about).
  std::optional<conform::open_enum<job_secondary_phase>> secondary_phase;
  /// Running duration of a training job, in ms. Range: N/A
  std::optional<std::int64_t> duration;
  /// Node quantity change metric during a training job runtime: rows of exactly two numbers,
  /// [timestamp in ms, node count] (page type Array<Array<Integer>>; int64 because the page's
  /// example holds 1636447746000).
  std::optional<std::vector<std::vector<std::int64_t>>> node_count_metrics;
  /// Training job subtask name.
  std::optional<std::vector<std::string>> tasks;
  /// Timestamp when a training job is started. Range: N/A (unit not stated).
  std::optional<std::int64_t> start_time;
  /// Training job subtask status.
  std::optional<std::vector<task_status>> task_statuses;
  /// Running and fault recovery records of a training job.
  std::optional<std::vector<running_record>> running_records;
  /// SDK 3.1.201 only. Retention time of the job; returned only when the job was created with
  /// reserved_time. int32.
  std::optional<std::int32_t> retention_time;
  /// SDK 3.1.201 only. Task addresses; returned only when the query carries host_ips.
  std::optional<std::vector<task_ip>> task_ips;
};
BOOST_DESCRIBE_STRUCT(job_status, (),
                      (phase, secondary_phase, duration, node_count_metrics, tasks, start_time,
                       task_statuses, running_records, retention_time, task_ips))
CONFORM_MEMBER_RULES(job_status, node_count_metrics, conform::each<conform::size<2, 2>>);
CONFORM_MEMBER_RULES(job_status, retention_time, sdk_only);
CONFORM_MEMBER_RULES(job_status, task_ips, sdk_only);

} // namespace conform::modelarts

#endif // CONFORM_MODELARTS_JOB_STATUS_HPP
