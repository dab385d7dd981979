// conform::modelarts: the `algorithm` object of a training job (JobAlgorithmResponse) and
// everything under it: parameters, auto search policies, input and output channels, engine and
// visualization summary. Also the OBS remote types that task.hpp reuses.
#ifndef CONFORM_MODELARTS_JOB_ALGORITHM_HPP
#define CONFORM_MODELARTS_JOB_ALGORITHM_HPP

#include <conform/config.hpp>
#include <conform/constraints.hpp>
#include <conform/cross_member.hpp>
#include <conform/open_enum.hpp>
#include <conform/schema.hpp>
#include <conform/modelarts/enums.hpp>
#include <conform/modelarts/sdk_only.hpp>

#include <boost/describe/class.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace conform::modelarts {

/// The directory local_code_dir must be under (reference.md §1.8 rule 1: "must be under /home").
struct home_dir {
  static constexpr std::string_view value = "/home";
};

/// constraint object (SDK Parameter_constraint): attribute of a running parameter.
struct parameter_constraint {
  /// Parameter type. Range: N/A
  std::optional<std::string> type;
  /// Whether the parameter can be edited. Range: (list lost; a JSON boolean).
  std::optional<bool> editable;
  /// Whether the parameter is mandatory. Range: (list lost; a JSON boolean).
  std::optional<bool> required;
  /// Whether the parameter is sensitive. This function is unavailable currently. Range: (list
  /// lost; a JSON boolean).
  std::optional<bool> sensitive;
  /// Valid type. Range: N/A
  std::optional<std::string> valid_type;
  /// Valid range.
  std::optional<std::vector<std::string>> valid_range;
};
BOOST_DESCRIBE_STRUCT(parameter_constraint, (),
                      (type, editable, required, sensitive, valid_type, valid_range))

/// i18n_description object (SDK Parameter_i18n_description): internationalization description.
struct parameter_i18n {
  /// Internationalization language. The options are as follows: zh-cn (Chinese), en-us
  /// (English) (open: the list is conditional text of some sites). Range: N/A
  std::optional<conform::open_enum<i18n_language>> language;
  /// Internationalization language description. Range: N/A
  std::optional<std::string> description;
};
BOOST_DESCRIBE_STRUCT(parameter_i18n, (), (language, description))

/// ParameterResp object (SDK Parameter): one running parameter of the training job.
struct algorithm_parameter {
  /// Parameter name. Range: N/A
  std::optional<std::string> name;
  /// Parameter value. Range: N/A
  std::optional<std::string> value;
  /// Parameter description. Range: N/A
  std::optional<std::string> description;
  /// Parameter attribute.
  std::optional<parameter_constraint> constraint;
  /// Internationalization description.
  std::optional<parameter_i18n> i18n_description;
};
BOOST_DESCRIBE_STRUCT(algorithm_parameter, (),
                      (name, value, description, constraint, i18n_description))

/// reward_attrs object (SDK JobAlgorithmResponse_policies_auto_search_reward_attrs): a search
/// metric.
struct reward_attr {
  /// Metric name. Range: N/A
  std::optional<std::string> name;
  /// Search mode. Range: max (a larger metric value is preferred), min (a smaller metric value
  /// is preferred).
  std::optional<reward_mode> mode;
  /// Regular expression of a metric. Range: N/A
  std::optional<std::string> regex;
};
BOOST_DESCRIBE_STRUCT(reward_attr, (), (name, mode, regex))

/// search_params object (SDK JobAlgorithmResponse_policies_auto_search_search_params): a search
/// parameter. The page references this type but prints no table for it (reference.md §3.2
/// item 10); the members come from the SDK and OTC-EN.
struct search_param {
  /// Hyperparameter name.
  std::optional<std::string> name;
  /// Hyperparameter type: continuous, discrete.
  std::optional<search_param_type> param_type;
  /// Lower bound of the hyperparameter (a string).
  std::optional<std::string> lower_bound;
  /// Upper bound of the hyperparameter (a string).
  std::optional<std::string> upper_bound;
  /// Number of discrete points of a continuous hyperparameter (a string).
  std::optional<std::string> discrete_points_num;
  /// Values of a discrete hyperparameter.
  std::optional<std::vector<std::string>> discrete_values;
};
BOOST_DESCRIBE_STRUCT(search_param, (),
                      (name, param_type, lower_bound, upper_bound, discrete_points_num,
                       discrete_values))

/// AutoSearchAlgoConfigParameterResp object (SDK AutoSearchAlgoConfigParameter): one search
/// algorithm parameter.
struct algo_config_parameter {
  /// Parameter key. Range: N/A
  std::optional<std::string> key;
  /// Parameter value. Range: N/A
  std::optional<std::string> value;
  /// Parameter type. Range: N/A
  std::optional<std::string> type;
};
BOOST_DESCRIBE_STRUCT(algo_config_parameter, (), (key, value, type))

/// algo_configs object (SDK JobAlgorithmResponse_policies_auto_search_algo_configs): a search
/// algorithm configuration.
struct algo_config {
  /// Search algorithm name. Range: N/A
  std::optional<std::string> name;
  /// Search algorithm parameters.
  std::optional<std::vector<algo_config_parameter>> params;
};
BOOST_DESCRIBE_STRUCT(algo_config, (), (name, params))

/// auto_search object (SDK JobAlgorithmResponse_policies_auto_search): hyperparameter search
/// configuration.
struct auto_search_policy {
  /// Hyperparameter parameters that need to be skipped. Range: N/A
  std::optional<std::string> skip_search_params;
  /// Search metrics.
  std::optional<std::vector<reward_attr>> reward_attrs;
  /// Search parameters.
  std::optional<std::vector<search_param>> search_params;
  /// Search algorithm configurations.
  std::optional<std::vector<algo_config>> algo_configs;
};
BOOST_DESCRIBE_STRUCT(auto_search_policy, (),
                      (skip_search_params, reward_attrs, search_params, algo_configs))

/// policies object (SDK JobAlgorithmResponse_policies): policy supported by a job.
struct algorithm_policies {
  /// Hyperparameter search configuration.
  std::optional<auto_search_policy> auto_search;
};
BOOST_DESCRIBE_STRUCT(algorithm_policies, (), (auto_search))

/// dataset object (SDK InputDataInfoResp_dataset): the input is a dataset.
struct input_dataset {
  /// Dataset ID of a training job. Range: N/A Required (Go SDK: non-pointer).
  std::string id;
  /// Dataset version ID of a training job. Range: N/A (SDK: required when service_type is not
  /// V3; not checked).
  std::optional<std::string> version_id;
  /// OBS URL of the dataset for a training job. It is automatically parsed by ModelArts based
  /// on the dataset ID and dataset version ID. For example, /usr/data/. Range: N/A
  std::optional<std::string> obs_url;
  /// SDK 3.1.201 only. Dataset service type: V3 means a dataset of the asset service, any other
  /// value a legacy dataset.
  std::optional<std::string> service_type;
  /// SDK 3.1.201 only. Dataset name.
  std::optional<std::string> name;
};
BOOST_DESCRIBE_STRUCT(input_dataset, (), (id, version_id, obs_url, service_type, name))
CONFORM_MEMBER_RULES(input_dataset, service_type, sdk_only);
CONFORM_MEMBER_RULES(input_dataset, name, sdk_only);

/// obs object (SDK InputDataInfoResp_obs): OBS in which data input and output are stored.
struct input_obs {
  /// OBS URL of the dataset for a training job, For example, /usr/data/. Range: N/A Required
  /// (Go SDK: non-pointer).
  std::string obs_url;
};
BOOST_DESCRIBE_STRUCT(input_obs, (), (obs_url))

/// InputDataInfoResp object: description of the actual data input, a dataset or an OBS path.
struct input_data_info {
  /// The input is a dataset.
  std::optional<input_dataset> dataset;
  /// OBS in which data input and output are stored.
  std::optional<input_obs> obs;
};
BOOST_DESCRIBE_STRUCT(input_data_info, (), (dataset, obs))

/// remote_constraint object (SDK InputResp_remote_constraint): a data input constraint.
struct input_remote_constraint {
  /// Data input type, including the data storage location and dataset. Constraints: N/A
  /// Range: N/A
  std::optional<std::string> data_type;
  /// Related attributes. Range: If the input is a dataset: data_format, data_segmentation,
  /// dataset_type (not enforced).
  std::optional<std::string> attributes;
};
BOOST_DESCRIBE_STRUCT(input_remote_constraint, (), (data_type, attributes))

/// InputResp object: one data input channel of a training job.
struct job_input {
  /// Name of the data input channel. Range: N/A Required (Go SDK: non-pointer).
  std::string name;
  /// Description of the data input channel. Range: N/A
  std::optional<std::string> description;
  /// Local path of the container to which the data input channels are mapped. Example:
  /// /home/ma-user/modelarts/inputs/data_url_0 Range: N/A
  std::optional<std::string> local_dir;
  /// Access method of the input data channel path (local_dir). Range: parameter (passed as a
  /// hyperparameter), env (passed as an environment variable).
  std::optional<access_method_kind> access_method;
  /// Description of the actual data input. Required (Go SDK: non-pointer).
  input_data_info remote;
  /// Data input constraint.
  std::optional<std::vector<input_remote_constraint>> remote_constraint;
};
BOOST_DESCRIBE_STRUCT(job_input, (),
                      (name, description, local_dir, access_method, remote, remote_constraint))

/// RemoteObsResp object (SDK RemoteObs too): data actually output to OBS.
struct remote_obs {
  /// Path of the data output to OBS. Range: N/A Required (Go SDK: non-pointer).
  std::string obs_url;
};
BOOST_DESCRIBE_STRUCT(remote_obs, (), (obs_url))

/// RemoteResp object (SDK RemoteResp, and SDK Remote under tasks[].algorithm.outputs):
/// description of the actual data output.
struct output_remote {
  /// Data actually output to OBS. Required (Go SDK: non-pointer).
  remote_obs obs;
};
BOOST_DESCRIBE_STRUCT(output_remote, (), (obs))

/// OutputResp object: one data output channel of a training job.
struct job_output {
  /// Name of the data output channel. Range: N/A Required (Go SDK: non-pointer).
  std::string name;
  /// Description of the data output channel. Range: N/A
  std::optional<std::string> description;
  /// Local path of the container to which the data output channels are mapped. Range: N/A
  std::optional<std::string> local_dir;
  /// Access method of the input data channel path (local_dir) (sic: "input" on an output).
  /// Range: parameter, env.
  std::optional<access_method_kind> access_method;
  /// Description of the actual data output. Required (Go SDK: non-pointer).
  output_remote remote;
};
BOOST_DESCRIBE_STRUCT(job_output, (), (name, description, local_dir, access_method, remote))

/// JobEngineResp object: engine of a training job.
struct job_engine {
  /// Engine ID selected for a training job. Range: N/A
  std::optional<std::string> engine_id;
  /// Engine name selected for a training job. Range: N/A
  std::optional<std::string> engine_name;
  /// Engine version selected for a training job. Range: N/A
  std::optional<std::string> engine_version;
  /// Custom image URL selected for a training job. The URL is obtained from SWR. Range: N/A
  std::optional<std::string> image_url;
  /// Specifies whether to install the MoXing version specified by the training platform.
  /// Range: true (install), false (do not install).
  std::optional<bool> install_sys_packages;
  /// SDK 3.1.201 only. ID of the image repository.
  std::optional<std::string> image_repo_id;
};
BOOST_DESCRIBE_STRUCT(job_engine, (),
                      (engine_id, engine_name, engine_version, image_url, install_sys_packages,
                       image_repo_id))
CONFORM_MEMBER_RULES(job_engine, image_repo_id, sdk_only);

/// PFSSummaryResp object (Go PfsSummaryResp): output of an OBS parallel file system.
struct pfs_summary {
  /// URL of the OBS parallel file system. Range: N/A Required (Go SDK: non-pointer).
  std::string pfs_path;
};
BOOST_DESCRIBE_STRUCT(pfs_summary, (), (pfs_path))

/// LogDirResp object: visualization log output of a training job.
struct summary_log_dir {
  /// Output of an OBS parallel file system. Required (Go SDK: non-pointer).
  pfs_summary pfs;
};
BOOST_DESCRIBE_STRUCT(summary_log_dir, (), (pfs))

/// JobSummaryResp object: job data source.
struct summary_job {
  /// ID of a training job. Range: N/A Required (Go SDK: non-pointer).
  std::string job_id;
};
BOOST_DESCRIBE_STRUCT(summary_job, (), (job_id))

/// DataSourceResp object: visualization log input.
struct summary_data_source {
  /// Job data source. Required (Go SDK: non-pointer).
  summary_job job;
};
BOOST_DESCRIBE_STRUCT(summary_data_source, (), (job))

/// SummaryResp object: visualization log summary.
struct log_summary {
  /// Visualization log type of a training job. After this parameter is configured, the
  /// training job can be used as the data source of a visualization job. Range: tensorboard,
  /// mindstudio-insight. When present, log_dir is mandatory (OTC-EN).
  std::optional<summary_log_type> log_type;
  /// Visualization log output of a training job.
  std::optional<summary_log_dir> log_dir;
  /// Visualization log input of the visualization job or training job debugging mode.
  std::optional<std::vector<summary_data_source>> data_sources;
};
BOOST_DESCRIBE_STRUCT(log_summary, (), (log_type, log_dir, data_sources))
CONFORM_TYPE_RULES(log_summary,
                   conform::requires_member<&log_summary::log_type, &log_summary::log_dir>);

/// JobAlgorithmResponse object: training job algorithm.
struct job_algorithm {
  /// Training job algorithm. Range: three usage forms (id; subscription_id+item_version_id;
  /// code_dir+boot_file), not values of id: not an enum.
  std::optional<std::string> id;
  /// Algorithm name. Range: N/A
  std::optional<std::string> name;
  /// Subscription ID of a subscription algorithm, which must be used with item_version_id.
  /// Range: N/A
  std::optional<std::string> subscription_id;
  /// Version of a subscription algorithm, which must be used with subscription_id. Range: N/A
  std::optional<std::string> item_version_id;
  /// Code directory of a training job, for example, /usr/app/. This parameter must be used with
  /// boot_file. Leave this parameter blank if id, or subscription_id and item_version_id are
  /// specified. Range: N/A
  std::optional<std::string> code_dir;
  /// Boot file of a training job, which must be stored in the code directory, for example,
  /// /usr/app/boot.py. This parameter must be used with code_dir. Leave this parameter blank if
  /// id, or subscription_id and item_version_id are specified. Range: N/A
  std::optional<std::string> boot_file;
  /// YAML configuration path of an auto search job. An OBS URL is required. For example,
  /// obs://bucket/file.yaml. Range: N/A
  std::optional<std::string> autosearch_config_path;
  /// Framework code directory of an auto search job. An OBS URL is required. For example,
  /// obs://bucket/files/. Range: N/A
  std::optional<std::string> autosearch_framework_path;
  /// Boot command for starting the container of a custom image for a training job. For
  /// example, python train.py. Range: N/A
  std::optional<std::string> command;
  /// Running parameters of the training job.
  std::optional<std::vector<algorithm_parameter>> parameters;
  /// Policy supported by a job.
  std::optional<algorithm_policies> policies;
  /// Data input of a training job.
  std::optional<std::vector<job_input>> inputs;
  /// Output of the training job.
  std::optional<std::vector<job_output>> outputs;
  /// Engine of a training job. Leave this parameter blank if the job is created using id of the
  /// algorithm in algorithm management, or subscription_id+item_version_id of the subscribed
  /// algorithm.
  std::optional<job_engine> engine;
  /// Local directory of the training container to which the algorithm code directory is
  /// downloaded. The rules are as follows: the directory must be under /home; in v1
  /// compatibility mode, or when code_dir is prefixed with file://, the field does not take
  /// effect. Range: N/A
  std::optional<std::string> local_code_dir;
  /// Work directory where an algorithm is executed. Rules: In v1 compatibility mode, this
  /// parameter does not take effect. Range: N/A
  std::optional<std::string> working_dir;
  /// Environment variables of a training job. The format is key:value. Leave this parameter
  /// blank. (An array of string maps.)
  std::optional<std::vector<std::map<std::string, std::string>>> environments;
  /// Visualization log summary.
  std::optional<log_summary> summary;
};
BOOST_DESCRIBE_STRUCT(job_algorithm, (),
                      (id, name, subscription_id, item_version_id, code_dir, boot_file,
                       autosearch_config_path, autosearch_framework_path, command, parameters,
                       policies, inputs, outputs, engine, local_code_dir, working_dir, environments,
                       summary))
CONFORM_MEMBER_RULES(job_algorithm, local_code_dir, conform::path_under<home_dir>);
CONFORM_TYPE_RULES(
    job_algorithm,
    conform::together<&job_algorithm::subscription_id, &job_algorithm::item_version_id>,
    conform::together<&job_algorithm::code_dir, &job_algorithm::boot_file>);

} // namespace conform::modelarts

#endif // CONFORM_MODELARTS_JOB_ALGORITHM_HPP
