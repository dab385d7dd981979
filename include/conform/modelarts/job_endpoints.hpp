// conform::modelarts: the `endpoints` object of a training job (JobEndpointsResp): SSH,
// JupyterLab, TensorBoard and MindStudio Insight access. The page references Tensorboard and
// MindStudioInsight without printing their tables; their {url, token} shape is the SDK's.
#ifndef CONFORM_MODELARTS_JOB_ENDPOINTS_HPP
#define CONFORM_MODELARTS_JOB_ENDPOINTS_HPP

#include <conform/config.hpp>
#include <conform/schema.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>
#include <vector>

namespace conform::modelarts {

/// TaskUrls object: SSH connection address of one task.
struct task_url {
  /// Task ID of a training job. Range: N/A
  std::optional<std::string> task;
  /// SSH connection address of a training job. Range: N/A
  std::optional<std::string> url;
};
BOOST_DESCRIBE_STRUCT(task_url, (), (task, url))

/// SSHResp object (Go SshResp): SSH connection information.
struct ssh_endpoint {
  /// Name of the SSH key pair, which can be created and viewed on the Key Pair page of the
  /// Elastic Cloud Server (ECS) console. Range: N/A Required (Go SDK: non-pointer).
  std::vector<std::string> key_pair_names;
  /// SSH connection address.
  std::optional<std::vector<task_url>> task_urls;
};
BOOST_DESCRIBE_STRUCT(ssh_endpoint, (), (key_pair_names, task_urls))

/// JupyterLab object: JupyterLab connection information.
struct jupyter_lab_endpoint {
  /// JupyterLab address of a training job. Range: N/A
  std::optional<std::string> url;
  /// JupyterLab token of a training job. Range: N/A
  std::optional<std::string> token;
};
BOOST_DESCRIBE_STRUCT(jupyter_lab_endpoint, (), (url, token))

/// Tensorboard object: TensorBoard connection information (referenced by the page, no table;
/// members from the SDK).
struct tensorboard_endpoint {
  /// TensorBoard address of a training job.
  std::optional<std::string> url;
  /// TensorBoard token of a training job.
  std::optional<std::string> token;
};
BOOST_DESCRIBE_STRUCT(tensorboard_endpoint, (), (url, token))

/// MindStudioInsight object: MindStudio Insight connection information (referenced by the
/// page, no table; members from the SDK).
struct mindstudio_insight_endpoint {
  /// MindStudio Insight address of a training job.
  std::optional<std::string> url;
  /// MindStudio Insight token of a training job.
  std::optional<std::string> token;
};
BOOST_DESCRIBE_STRUCT(mindstudio_insight_endpoint, (), (url, token))

/// JobEndpointsResp object: configurations required for remotely accessing a training job.
struct job_endpoints {
  /// SSH connection information.
  std::optional<ssh_endpoint> ssh;
  /// JupyterLab connection information.
  std::optional<jupyter_lab_endpoint> jupyter_lab;
  /// TensorBoard connection information.
  std::optional<tensorboard_endpoint> tensorboard;
  /// MindStudio Insight connection information.
  std::optional<mindstudio_insight_endpoint> mindstudio_insight;
};
BOOST_DESCRIBE_STRUCT(job_endpoints, (), (ssh, jupyter_lab, tensorboard, mindstudio_insight))

} // namespace conform::modelarts

#endif // CONFORM_MODELARTS_JOB_ENDPOINTS_HPP
