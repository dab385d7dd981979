// conform::modelarts: one heterogeneous training task (TaskResponse, `tasks[]`) with its
// algorithm (TaskResponseAlgorithm: single input/output objects, not arrays), engine and the
// SDK-only log export path. The OBS remote types come from job_algorithm.hpp.
#ifndef CONFORM_MODELARTS_TASK_HPP
#define CONFORM_MODELARTS_TASK_HPP

#include <conform/config.hpp>
#include <conform/constraints.hpp>
#include <conform/schema.hpp>
#include <conform/modelarts/flavor.hpp>
#include <conform/modelarts/job_algorithm.hpp>
#include <conform/modelarts/sdk_only.hpp>

#include <boost/describe/class.hpp>

#include <map>
#include <optional>
#include <string>

namespace conform::modelarts {

/// AlgorithmRemote object: actual data input, which can only be OBS for heterogeneous jobs.
struct algorithm_remote {
  /// OBS in which data input and output are stored (page type RemoteObsResp; SDK RemoteObs).
  std::optional<remote_obs> obs;
};
BOOST_DESCRIBE_STRUCT(algorithm_remote, (), (obs))

/// AlgorithmInput object: information about the algorithm input channel.
struct algorithm_input {
  /// Name of the data input channel. Range: N/A Required (Go SDK: non-pointer).
  std::string name;
  /// Local path of the container to which the data input and output channels are mapped.
  /// Range: N/A
  std::optional<std::string> local_dir;
  /// Actual data input, which can only be OBS for heterogeneous jobs. Required (Go SDK:
  /// non-pointer).
  algorithm_remote remote;
};
BOOST_DESCRIBE_STRUCT(algorithm_input, (), (name, local_dir, remote))

/// AlgorithmOutput object: information about the algorithm output channel.
struct algorithm_output {
  /// Name of the data output channel. Range: N/A Required (Go SDK: non-pointer).
  std::string name;
  /// Local path of the container to which the data output channels are mapped. Range: N/A
  std::optional<std::string> local_dir;
  /// Description of the actual data output (page type RemoteResp; SDK Remote). Required (Go
  /// SDK: non-pointer).
  output_remote remote;
  /// Data transmission mode. The default value is upload_periodically. Range: N/A
  std::optional<std::string> mode;
  /// Data transmission period. The default value is 30s. Range: N/A
  std::optional<std::string> period;
};
BOOST_DESCRIBE_STRUCT(algorithm_output, (), (name, local_dir, remote, mode, period))

/// AlgorithmEngine object: engine that a heterogeneous job depends on.
struct algorithm_engine {
  /// Engine flavor ID, for example, caffe-1.0.0-python2.7. Range: N/A
  std::optional<std::string> engine_id;
  /// Engine flavor name, for example, Caffe. Range: N/A
  std::optional<std::string> engine_name;
  /// Engine flavor version. Engines with the same name have multiple versions, for example,
  /// Caffe-1.0.0-python2.7 of Python 2.7. Range: N/A
  std::optional<std::string> engine_version;
  /// Specifies whether the v1 compatibility mode is used. Range: (list lost; a JSON boolean).
  std::optional<bool> v1_compatible;
  /// Default UID for the engine startup. Range: N/A
  std::optional<std::string> run_user;
  /// Custom image URL selected for an algorithm. Range: N/A
  std::optional<std::string> image_url;
};
BOOST_DESCRIBE_STRUCT(algorithm_engine, (),
                      (engine_id, engine_name, engine_version, v1_compatible, run_user, image_url))

/// TaskResponseAlgorithm object: algorithm configurations for algorithm management.
struct task_algorithm {
  /// Absolute path of the directory where the algorithm boot file is stored. Range: N/A
  std::optional<std::string> code_dir;
  /// Absolute path of an algorithm boot file. Range: N/A
  std::optional<std::string> boot_file;
  /// Information about the algorithm input channel (a single object, not an array).
  std::optional<algorithm_input> inputs;
  /// Information about the algorithm output channel (a single object, not an array).
  std::optional<algorithm_output> outputs;
  /// Engine that a heterogeneous job depends on.
  std::optional<algorithm_engine> engine;
  /// Local directory of the training container to which the algorithm code directory is
  /// downloaded. The rules are as follows: the directory must be under /home; in v1
  /// compatibility mode, or when code_dir is prefixed with file://, the field does not take
  /// effect. Range: N/A
  std::optional<std::string> local_code_dir;
  /// Work directory where an algorithm is executed. Note that this parameter does not take
  /// effect in v1 compatibility mode. Range: N/A
  std::optional<std::string> working_dir;
  /// SDK 3.1.201 only. Environment variables of the task (a single string map, unlike the
  /// array of maps of algorithm.environments).
  std::optional<std::map<std::string, std::string>> environments;
};
BOOST_DESCRIBE_STRUCT(task_algorithm, (),
                      (code_dir, boot_file, inputs, outputs, engine, local_code_dir, working_dir,
                       environments))
CONFORM_MEMBER_RULES(task_algorithm, local_code_dir, conform::path_under<home_dir>);
CONFORM_MEMBER_RULES(task_algorithm, environments, sdk_only);

/// TaskResponse_log_export_path object (SDK 3.1.201 only): log output of a task.
struct task_log_export_path {
  /// SDK 3.1.201 only. OBS path for storing the task's logs.
  std::optional<std::string> obs_url;
};
BOOST_DESCRIBE_STRUCT(task_log_export_path, (), (obs_url))
CONFORM_MEMBER_RULES(task_log_export_path, obs_url, sdk_only);

/// TaskResponse object: one heterogeneous training task.
struct job_task {
  /// Task role. This function is not supported currently. Range: N/A
  std::optional<std::string> role;
  /// Algorithm configurations for algorithm management.
  std::optional<task_algorithm> algorithm;
  /// Specifications of a training job or algorithm.
  std::optional<flavor_response> task_resource;
  /// SDK 3.1.201 only. Log output of the task.
  std::optional<task_log_export_path> log_export_path;
};
BOOST_DESCRIBE_STRUCT(job_task, (), (role, algorithm, task_resource, log_export_path))
CONFORM_MEMBER_RULES(job_task, log_export_path, sdk_only);

} // namespace conform::modelarts

#endif // CONFORM_MODELARTS_TASK_HPP
