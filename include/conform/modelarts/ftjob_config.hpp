// conform::modelarts: the SDK-only `ftjob_config` object (SDK MasJobConfig: fine-tuning job
// parameters) with its task environment, environment variables and checkpoint settings.
// The API page has none of these; every member carries sdk_only.
#ifndef CONFORM_MODELARTS_FTJOB_CONFIG_HPP
#define CONFORM_MODELARTS_FTJOB_CONFIG_HPP

#include <conform/config.hpp>
#include <conform/constraints.hpp>
#include <conform/schema.hpp>
#include <conform/modelarts/sdk_only.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace conform::modelarts {

/// EnvVar object (SDK 3.1.201 only): one environment variable of a fine-tuning job.
struct env_var {
  /// SDK 3.1.201 only. Display label.
  std::optional<std::string> label;
  /// SDK 3.1.201 only. Description.
  std::optional<std::string> des;
  /// SDK 3.1.201 only. Environment variable name.
  std::optional<std::string> env_name;
  /// SDK 3.1.201 only. Environment variable type.
  std::optional<std::string> env_type;
  /// SDK 3.1.201 only. Environment variable value.
  std::optional<std::string> value;
  /// SDK 3.1.201 only. Whether the value can be modified.
  std::optional<bool> modifiable;
  /// SDK 3.1.201 only. Whether the variable is displayed.
  std::optional<bool> displayable;
  /// SDK 3.1.201 only. Steps that use the variable.
  std::optional<std::vector<std::string>> used_steps;
};
BOOST_DESCRIBE_STRUCT(env_var, (),
                      (label, des, env_name, env_type, value, modifiable, displayable, used_steps))
CONFORM_MEMBER_RULES(env_var, label, sdk_only);
CONFORM_MEMBER_RULES(env_var, des, sdk_only);
CONFORM_MEMBER_RULES(env_var, env_name, sdk_only);
CONFORM_MEMBER_RULES(env_var, env_type, sdk_only);
CONFORM_MEMBER_RULES(env_var, value, sdk_only);
CONFORM_MEMBER_RULES(env_var, modifiable, sdk_only);
CONFORM_MEMBER_RULES(env_var, displayable, sdk_only);
CONFORM_MEMBER_RULES(env_var, used_steps, sdk_only);

/// TaskEnv object (SDK 3.1.201 only): environment of a fine-tuning task.
struct task_environment {
  /// SDK 3.1.201 only. Environment variables.
  std::optional<std::vector<env_var>> envs;
};
BOOST_DESCRIBE_STRUCT(task_environment, (), (envs))
CONFORM_MEMBER_RULES(task_environment, envs, sdk_only);

/// CheckpointConf object (SDK 3.1.201 only): checkpoint settings of a fine-tuning job.
struct checkpoint_conf {
  /// SDK 3.1.201 only. Checkpoint ID.
  std::optional<std::string> checkpoint_id;
  /// SDK 3.1.201 only. Maximum number of checkpoints to keep: 0 = do not save, -1 = unlimited.
  std::optional<std::int32_t> save_checkpoints_max;
  /// SDK 3.1.201 only. Number of steps to skip: 0 = do not skip; not negative.
  std::optional<std::int32_t> skipped_steps;
  /// SDK 3.1.201 only. Whether the job is resumed: 0 = not a resumed job, 1 = resumed job.
  std::optional<std::int32_t> restore_training;
};
BOOST_DESCRIBE_STRUCT(checkpoint_conf, (),
                      (checkpoint_id, save_checkpoints_max, skipped_steps, restore_training))
CONFORM_MEMBER_RULES(checkpoint_conf, checkpoint_id, sdk_only);
CONFORM_MEMBER_RULES(checkpoint_conf, save_checkpoints_max, sdk_only, conform::at_least<-1>);
CONFORM_MEMBER_RULES(checkpoint_conf, skipped_steps, sdk_only, conform::at_least<0>);
CONFORM_MEMBER_RULES(checkpoint_conf, restore_training, sdk_only, conform::range<0, 1>);

/// MasJobConfig object (SDK 3.1.201 only): fine-tuning (精调) job parameters.
struct fine_tuning_config {
  /// SDK 3.1.201 only. UUID of the fine-tuning job.
  std::optional<std::string> ft_job_uuid;
  /// SDK 3.1.201 only. Fine-tuning training type.
  std::optional<std::string> ft_train_type;
  /// SDK 3.1.201 only. Model type.
  std::optional<std::string> model_type;
  /// SDK 3.1.201 only. Training output path.
  std::optional<std::string> train_output_path;
  /// SDK 3.1.201 only. Training progress (double; the only double of the SDK models).
  std::optional<double> train_process;
  /// SDK 3.1.201 only. Checkpoint ID.
  std::optional<std::string> checkpoint_id;
  /// SDK 3.1.201 only. Task environment.
  std::optional<task_environment> task_env;
  /// SDK 3.1.201 only. Checkpoint settings.
  std::optional<checkpoint_conf> checkpoint_config;
};
BOOST_DESCRIBE_STRUCT(fine_tuning_config, (),
                      (ft_job_uuid, ft_train_type, model_type, train_output_path, train_process,
                       checkpoint_id, task_env, checkpoint_config))
CONFORM_MEMBER_RULES(fine_tuning_config, ft_job_uuid, sdk_only);
CONFORM_MEMBER_RULES(fine_tuning_config, ft_train_type, sdk_only);
CONFORM_MEMBER_RULES(fine_tuning_config, model_type, sdk_only);
CONFORM_MEMBER_RULES(fine_tuning_config, train_output_path, sdk_only);
CONFORM_MEMBER_RULES(fine_tuning_config, train_process, sdk_only);
CONFORM_MEMBER_RULES(fine_tuning_config, checkpoint_id, sdk_only);
CONFORM_MEMBER_RULES(fine_tuning_config, task_env, sdk_only);
CONFORM_MEMBER_RULES(fine_tuning_config, checkpoint_config, sdk_only);

} // namespace conform::modelarts

#endif // CONFORM_MODELARTS_FTJOB_CONFIG_HPP
