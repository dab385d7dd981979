// conform::modelarts: the 200 response body of "Querying the Details About a Training Job"
// (GET /v2/{project_id}/training-jobs/{training_job_id}; SDK ShowTrainingJobDetailsResponse).
// The nested objects live in the headers included below; the error body is error_body.hpp.
#ifndef CONFORM_MODELARTS_TRAINING_JOB_HPP
#define CONFORM_MODELARTS_TRAINING_JOB_HPP

#include <conform/config.hpp>
#include <conform/schema.hpp>
#include <conform/modelarts/enums.hpp>
#include <conform/modelarts/ftjob_config.hpp>
#include <conform/modelarts/job_algorithm.hpp>
#include <conform/modelarts/job_endpoints.hpp>
#include <conform/modelarts/job_metadata.hpp>
#include <conform/modelarts/job_spec.hpp>
#include <conform/modelarts/job_status.hpp>
#include <conform/modelarts/sdk_only.hpp>
#include <conform/modelarts/task.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <vector>

namespace conform::modelarts {

// Which members are required. The API page has no "Mandatory" column for response parameters,
// and the C++ SDK enforces nothing (its validate() bodies are empty). The only record of
// requiredness anywhere is the Go SDK: a non-pointer field without omitempty (reference.md
// §3.2 "Go-required fields"). So exactly those members are plain (required) members, and
// everything else is std::optional. Go marks no member of the response body itself, so every
// top-level member below is optional: a body of `{}` decodes, and a required member deeper
// down is only demanded when its parent object is present.

/// ShowTrainingJobDetailsResponse: the response body (status code 200).
struct training_job {
  /// Type of a training job. Range: job, federated_pool_job (SDK 3.1.201), edge_job,
  /// hetero_job, mrs_job, autosearch_job, diag_job, visualization_job.
  std::optional<job_kind> kind;
  /// Training job metadata.
  std::optional<job_metadata> metadata;
  /// Training job status information.
  std::optional<job_status> status;
  /// Training job algorithm.
  std::optional<job_algorithm> algorithm;
  /// Heterogeneous training tasks.
  std::optional<std::vector<job_task>> tasks;
  /// Training job specifications (page type "SpecResponce object", sic).
  std::optional<job_spec> spec;
  /// Configurations required for remotely accessing a training job.
  std::optional<job_endpoints> endpoints;
  /// SDK 3.1.201 only. Fine-tuning job parameters (SDK MasJobConfig).
  std::optional<fine_tuning_config> ftjob_config;
};
BOOST_DESCRIBE_STRUCT(training_job, (),
                      (kind, metadata, status, algorithm, tasks, spec, endpoints, ftjob_config))
CONFORM_MEMBER_RULES(training_job, ftjob_config, sdk_only);

} // namespace conform::modelarts

#endif // CONFORM_MODELARTS_TRAINING_JOB_HPP
