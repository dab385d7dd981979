// conform::modelarts: the `metadata` object of a training job (JobMetadataResponse) and the
// SDK-only training experiment reference under it, with their member rules.
// The job status, algorithm and spec live in their own headers.
#ifndef CONFORM_MODELARTS_JOB_METADATA_HPP
#define CONFORM_MODELARTS_JOB_METADATA_HPP

#include <conform/config.hpp>
#include <conform/constraints.hpp>
#include <conform/schema.hpp>
#include <conform/modelarts/sdk_only.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace conform::modelarts {

/// TrainingExperimentResp object (SDK 3.1.201 only): the training experiment a job belongs to.
struct training_experiment_ref {
  /// SDK 3.1.201 only. Training experiment name. Max length 64, no special characters (CN
  /// 最大长度64，不支持特殊字符; "special characters" is not defined, so only the length is
  /// checked).
  std::optional<std::string> name;
  /// SDK 3.1.201 only. Training experiment ID.
  std::optional<std::string> id;
  /// SDK 3.1.201 only. Serial number of the job in the experiment (a string; default "0").
  std::optional<std::string> serial_number;
};
BOOST_DESCRIBE_STRUCT(training_experiment_ref, (), (name, id, serial_number))
CONFORM_MEMBER_RULES(training_experiment_ref, name, sdk_only, conform::length<0, 64>);
CONFORM_MEMBER_RULES(training_experiment_ref, id, sdk_only);
CONFORM_MEMBER_RULES(training_experiment_ref, serial_number, sdk_only);

/// JobMetadataResponse object: training job metadata.
struct job_metadata {
  /// Training job ID, which is generated and returned by ModelArts after a training job is
  /// created. Range: N/A
  std::optional<std::string> id;
  /// Name of a training job. Range: The value must contain 1 to 64 characters consisting of
  /// only digits, letters, underscores (_), and hyphens (-). Required (Go SDK: non-pointer).
  std::string name;
  /// Workspace where a specified job is located. Range: N/A (OTC: default "0").
  std::optional<std::string> workspace_id;
  /// Definition of a training job. Range: N/A (older OTC edition: 0 to 256 characters; a
  /// warning only).
  std::optional<std::string> description;
  /// Time when a training job was created, in milliseconds. Range: N/A
  std::optional<std::int64_t> create_time;
  /// Username for creating a training job, generated and returned by ModelArts. Range: N/A
  std::optional<std::string> user_name;
  /// Advanced functions of a training job (open-ended string map, e.g. "jupyter-lab/enable").
  std::optional<std::map<std::string, std::string>> annotations;
  /// SDK 3.1.201 only. Training experiment the job belongs to.
  std::optional<training_experiment_ref> training_experiment_reference;
};
BOOST_DESCRIBE_STRUCT(job_metadata, (),
                      (id, name, workspace_id, description, create_time, user_name, annotations,
                       training_experiment_reference))
CONFORM_MEMBER_RULES(job_metadata, name, conform::length<1, 64>,
                     conform::charset<conform::letters, conform::digits, conform::chars<'_', '-'>>);
CONFORM_MEMBER_RULES(job_metadata, description, conform::warn<conform::length<0, 256>>);
CONFORM_MEMBER_RULES(job_metadata, training_experiment_reference, sdk_only);

} // namespace conform::modelarts

#endif // CONFORM_MODELARTS_JOB_METADATA_HPP
