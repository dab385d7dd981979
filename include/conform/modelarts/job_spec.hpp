// conform::modelarts: the `spec` object of a training job (SpecResponce, sic) and what it
// holds: resource (with allocated and SDK-only customized container resources), volumes, log
// export, scheduling policy, custom metrics and the SDK-only output and asset models.
#ifndef CONFORM_MODELARTS_JOB_SPEC_HPP
#define CONFORM_MODELARTS_JOB_SPEC_HPP

#include <conform/config.hpp>
#include <conform/constraints.hpp>
#include <conform/cross_member.hpp>
#include <conform/open_enum.hpp>
#include <conform/schema.hpp>
#include <conform/modelarts/enums.hpp>
#include <conform/modelarts/flavor.hpp>
#include <conform/modelarts/sdk_only.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace conform::modelarts {

/// Resource specifications actually obtained by the training container of a training job (the
/// page leaves the object's type cell empty; SDK MainContainerAllocatedResources).
struct allocated_resources {
  /// CPU architecture.
  std::optional<std::string> cpu_arch;
  /// Number of cores (Float; the page's example sends the integer literal 5).
  std::optional<double> cpu_core_num;
  /// Memory information (Float).
  std::optional<double> mem_size;
  /// Number of accelerator cards (Float).
  std::optional<double> accelerator_num;
  /// Accelerator card type (e.g. nvidia-v100-pcie32, ascend-snt9c).
  std::optional<std::string> accelerator_type;
};
BOOST_DESCRIBE_STRUCT(allocated_resources, (),
                      (cpu_arch, cpu_core_num, mem_size, accelerator_num, accelerator_type))

/// MainContainerCustomizedFlavor object (SDK 3.1.201 only): customized resources of the main
/// training container.
struct customized_flavor {
  /// SDK 3.1.201 only. Number of CPU cores; greater than zero (CN 大于零). Float.
  std::optional<double> cpu_core_num;
  /// SDK 3.1.201 only. Memory size; greater than zero (CN 大于零). Float.
  std::optional<double> mem_size;
  /// SDK 3.1.201 only. Number of accelerator cards; zero or more (CN 大于等于零). Float.
  std::optional<double> accelerator_num;
};
BOOST_DESCRIBE_STRUCT(customized_flavor, (), (cpu_core_num, mem_size, accelerator_num))
CONFORM_MEMBER_RULES(customized_flavor, cpu_core_num, sdk_only, conform::greater_than<0>);
CONFORM_MEMBER_RULES(customized_flavor, mem_size, sdk_only, conform::greater_than<0>);
CONFORM_MEMBER_RULES(customized_flavor, accelerator_num, sdk_only, conform::at_least<0>);

/// Resource object: resource flavor of a training job. Select either flavor_id or pool_id and
/// flavor_id.
struct job_resource {
  /// Resource flavor mode of a training job. Range: regular (standard mode).
  std::optional<resource_policy> policy;
  /// ID of the resource flavor of a training job. Range: The flavor_id parameter cannot be
  /// specified for a dedicated resource pool of CPU specifications; for dedicated pools with
  /// GPU/Ascend specifications: modelarts.pool.visual.{xlarge,2xlarge,4xlarge,8xlarge} (not
  /// enforced: public-pool flavors differ). Required (Go SDK: non-pointer).
  std::string flavor_id;
  /// Read-only flavor name returned by ModelArts when flavor_id is used. Range: N/A
  std::optional<std::string> flavor_name;
  /// Number of resource replicas selected for a training job. Range: N/A Required (Go SDK:
  /// non-pointer).
  std::int32_t node_count;
  /// ID of the resource pool selected for a training job. Range: N/A
  std::optional<std::string> pool_id;
  /// SDK 3.1.201 only. ID of the resource pool group.
  std::optional<std::string> pool_group_id;
  /// Flavor details of a training job or algorithm. This parameter is available only for
  /// public resource pools.
  std::optional<flavor_detail_info> flavor_detail;
  /// Resource specifications actually obtained by the training container of a training job.
  std::optional<allocated_resources> main_container_allocated_resources;
  /// SDK 3.1.201 only. Customized resources of the main training container.
  std::optional<customized_flavor> main_container_customized_flavor;
};
BOOST_DESCRIBE_STRUCT(job_resource, (),
                      (policy, flavor_id, flavor_name, node_count, pool_id, pool_group_id,
                       flavor_detail, main_container_allocated_resources,
                       main_container_customized_flavor))
CONFORM_MEMBER_RULES(job_resource, pool_group_id, sdk_only);
CONFORM_MEMBER_RULES(job_resource, main_container_customized_flavor, sdk_only);

/// NfsResp object: volumes attached in NFS mode.
struct nfs_volume {
  /// NFS server path, for example, 10.10.10.10:/example/path. Range: N/A
  std::optional<std::string> nfs_server_path;
  /// Path for attaching volumes to the training container, for example, /example/path.
  /// Range: N/A
  std::optional<std::string> local_path;
  /// Specifies whether the disks attached to the container in NFS mode are read-only. Range:
  /// true (read-only), false (not read-only).
  std::optional<bool> read_only;
};
BOOST_DESCRIBE_STRUCT(nfs_volume, (), (nfs_server_path, local_path, read_only))

/// JobVolumeResp object: mounting volume information of a training job.
struct job_volume {
  /// Volumes attached in NFS mode.
  std::optional<nfs_volume> nfs;
};
BOOST_DESCRIBE_STRUCT(job_volume, (), (nfs))

/// LogExportPathResp object: log output of a training job.
struct log_export {
  /// OBS path for storing training job logs, for example, obs://example/path. Range: N/A
  std::optional<std::string> obs_url;
  /// Path of the host where training job logs are stored, for example, /example/path.
  /// Range: N/A
  std::optional<std::string> host_path;
};
BOOST_DESCRIBE_STRUCT(log_export, (), (obs_url, host_path))

/// The affinity_type value that makes affinity_group_size mandatory (OTC-EN: "mandatory when
/// affinity_type is set to hyperinstance").
struct hyperinstance_affinity {
  static constexpr affinity_kind value = affinity_kind::hyperinstance;
};

/// RequiredAffinityResp object: affinity requirements of a training job.
struct affinity_requirement {
  /// Affinity scheduling policy. Range: cabinet (strong cabinet scheduling), hyperinstance
  /// (supernode affinity scheduling). Open: the doc itself describes job_level and
  /// affinity_group_level as effective when affinity_type is networkTopology, a value outside
  /// this list (reference.md §1.20).
  std::optional<conform::open_enum<affinity_kind>> affinity_type;
  /// SDK 3.1.201 only. Level of the affinity job: cluster (pool level), hyperinstanceGroup
  /// (supernode level); default cluster.
  std::optional<affinity_job_level> job_level;
  /// Size of an affinity group. Range: N/A (OTC-EN: mandatory when affinity_type is
  /// hyperinstance; default 1).
  std::optional<std::int32_t> affinity_group_size;
  /// SDK 3.1.201 only. Level of the affinity group: hyperinstance (supernode level), slice
  /// (cabinet level). Open: its stated default, hyperinstanceGroup, is not in its own list.
  std::optional<conform::open_enum<affinity_group_level_kind>> affinity_group_level;
};
BOOST_DESCRIBE_STRUCT(affinity_requirement, (),
                      (affinity_type, job_level, affinity_group_size, affinity_group_level))
CONFORM_MEMBER_RULES(affinity_requirement, job_level, sdk_only);
CONFORM_MEMBER_RULES(affinity_requirement, affinity_group_level, sdk_only);
CONFORM_TYPE_RULES(
    affinity_requirement,
    conform::required_if<&affinity_requirement::affinity_group_size,
                         &affinity_requirement::affinity_type, hyperinstance_affinity>);

/// SchedulePolicyResp object: scheduling policy of a training job.
struct scheduling_policy {
  /// Affinity requirements of a training job.
  std::optional<affinity_requirement> required_affinity;
  /// Priority of a training job. Range: 0 to 3
  std::optional<std::int32_t> priority;
  /// Whether the resource can be preempted. Range: true (can be preempted), false (cannot be
  /// preempted).
  std::optional<bool> preemptible;
};
BOOST_DESCRIBE_STRUCT(scheduling_policy, (), (required_affinity, priority, preemptible))
CONFORM_MEMBER_RULES(scheduling_policy, priority, conform::range<0, 3>);

/// Exec object: metrics are collected using commands.
struct exec_action {
  /// Metrics are collected using commands (the command and its arguments).
  std::optional<std::vector<std::string>> command;
};
BOOST_DESCRIBE_STRUCT(exec_action, (), (command))

/// HttpGet object: metrics are collected using HTTP.
struct http_get_action {
  /// URL for obtaining metrics over HTTP. Both the URL and the port below must either be
  /// configured together or remain empty.
  std::optional<std::string> path;
  /// Port for obtaining metrics over HTTP. This parameter and the URL above must be set or
  /// left blank at the same time. A TCP port: 1 to 65535.
  std::optional<std::int32_t> port;
};
BOOST_DESCRIBE_STRUCT(http_get_action, (), (path, port))
CONFORM_MEMBER_RULES(http_get_action, port, conform::range<1, 65535>);
CONFORM_TYPE_RULES(http_get_action,
                   conform::together<&http_get_action::path, &http_get_action::port>);

/// CustomMetrics object: metric collection configuration.
struct custom_metric {
  /// Metrics are collected using commands.
  std::optional<exec_action> exec;
  /// Metrics are collected using HTTP.
  std::optional<http_get_action> http_get;
};
BOOST_DESCRIBE_STRUCT(custom_metric, (), (exec, http_get))

/// ObsModelResp object (SDK 3.1.201 only): OBS location of the output model.
struct obs_model {
  /// SDK 3.1.201 only. OBS path of the model. Required (Go SDK: non-pointer).
  std::string obs_path;
  /// SDK 3.1.201 only. Local path of the model in the container.
  std::optional<std::string> local_path;
};
BOOST_DESCRIBE_STRUCT(obs_model, (), (obs_path, local_path))
CONFORM_MEMBER_RULES(obs_model, obs_path, sdk_only);
CONFORM_MEMBER_RULES(obs_model, local_path, sdk_only);

/// OutputModelResp object (SDK 3.1.201 only): output model of a training job.
struct output_model_info {
  /// SDK 3.1.201 only. OBS location of the output model.
  std::optional<obs_model> obs;
};
BOOST_DESCRIBE_STRUCT(output_model_info, (), (obs))
CONFORM_MEMBER_RULES(output_model_info, obs, sdk_only);

/// AssetModelResp object (SDK 3.1.201 only): asset model used by a training job.
struct asset_model_info {
  /// SDK 3.1.201 only. Model ID.
  std::optional<std::string> id;
  /// SDK 3.1.201 only. Model name. Required (Go SDK: non-pointer).
  std::string name;
  /// SDK 3.1.201 only. Model code.
  std::optional<std::string> code;
  /// SDK 3.1.201 only. Model version. Required (Go SDK: non-pointer).
  std::string version;
  /// SDK 3.1.201 only. Model location.
  std::optional<std::string> location;
  /// SDK 3.1.201 only. Model description.
  std::optional<std::string> desc;
  /// SDK 3.1.201 only. Model series.
  std::optional<std::string> series;
  /// SDK 3.1.201 only. Model type. Required (Go SDK: non-pointer).
  std::string type;
};
BOOST_DESCRIBE_STRUCT(asset_model_info, (), (id, name, code, version, location, desc, series, type))
CONFORM_MEMBER_RULES(asset_model_info, id, sdk_only);
CONFORM_MEMBER_RULES(asset_model_info, name, sdk_only);
CONFORM_MEMBER_RULES(asset_model_info, code, sdk_only);
CONFORM_MEMBER_RULES(asset_model_info, version, sdk_only);
CONFORM_MEMBER_RULES(asset_model_info, location, sdk_only);
CONFORM_MEMBER_RULES(asset_model_info, desc, sdk_only);
CONFORM_MEMBER_RULES(asset_model_info, series, sdk_only);
CONFORM_MEMBER_RULES(asset_model_info, type, sdk_only);

/// SpecResponce (sic) object (SDK SpecResponse): training job specifications.
struct job_spec {
  /// Resource flavor of a training job. Select either flavor_id or pool_id and flavor_id.
  std::optional<job_resource> resource;
  /// Mounting volume information of a training job.
  std::optional<std::vector<job_volume>> volumes;
  /// Log output of a training job.
  std::optional<log_export> log_export_path;
  /// Scheduling policy of a training job.
  std::optional<scheduling_policy> schedule_policy;
  /// Metric collection configuration.
  std::optional<std::vector<custom_metric>> custom_metrics;
  /// SDK 3.1.201 only. Output model of the training job.
  std::optional<output_model_info> output_model;
  /// SDK 3.1.201 only. Asset model used by the training job.
  std::optional<asset_model_info> asset_model;
};
BOOST_DESCRIBE_STRUCT(job_spec, (),
                      (resource, volumes, log_export_path, schedule_policy, custom_metrics,
                       output_model, asset_model))
CONFORM_MEMBER_RULES(job_spec, output_model, sdk_only);
CONFORM_MEMBER_RULES(job_spec, asset_model, sdk_only);

} // namespace conform::modelarts

#endif // CONFORM_MODELARTS_JOB_SPEC_HPP
