// conform::modelarts: resource flavor objects. Two families share Cpu, Gpu, Npu, Memory and
// BillingInfo but differ in the disk: FlavorResponse -> FlavorInfoResponse -> DiskResponse
// (tasks[].task_resource; Integer size) and FlavorDetail -> FlavorInfo -> Disk
// (spec.resource.flavor_detail; String size).
#ifndef CONFORM_MODELARTS_FLAVOR_HPP
#define CONFORM_MODELARTS_FLAVOR_HPP

#include <conform/config.hpp>
#include <conform/constraints.hpp>
#include <conform/schema.hpp>
#include <conform/modelarts/enums.hpp>
#include <conform/modelarts/sdk_only.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace conform::modelarts {

/// BillingInfo object: billing information of a resource flavor.
struct billing_info {
  /// Billing code. Range: N/A
  std::optional<std::string> code;
  /// Billing unit. Range: N/A
  std::optional<std::int32_t> unit_num;
};
BOOST_DESCRIBE_STRUCT(billing_info, (), (code, unit_num))

/// Cpu object: CPU specifications.
struct cpu_info {
  /// CPU architecture. Range: N/A
  std::optional<std::string> arch;
  /// Number of cores. Range: N/A
  std::optional<std::int32_t> core_num;
};
BOOST_DESCRIBE_STRUCT(cpu_info, (), (arch, core_num))

/// Gpu object: GPU specifications.
struct gpu_info {
  /// Number of GPUs. Range: N/A (Integer, unlike Npu.unit_num).
  std::optional<std::int32_t> unit_num;
  /// Product name. Range: N/A
  std::optional<std::string> product_name;
  /// Memory. Range: N/A (a string with a unit, e.g. "8GB").
  std::optional<std::string> memory;
};
BOOST_DESCRIBE_STRUCT(gpu_info, (), (unit_num, product_name, memory))

/// Npu object: Ascend specifications.
struct npu_info {
  /// Number of NPUs. Range: N/A (String, unlike Gpu.unit_num).
  std::optional<std::string> unit_num;
  /// Product name. Range: N/A
  std::optional<std::string> product_name;
  /// Memory. Range: N/A
  std::optional<std::string> memory;
};
BOOST_DESCRIBE_STRUCT(npu_info, (), (unit_num, product_name, memory))

/// Memory object: memory information.
struct memory_info {
  /// Memory size. Range: N/A
  std::optional<std::int32_t> size;
  /// Number of memory units (sic; the unit, e.g. GB). Range: N/A
  std::optional<std::string> unit;
};
BOOST_DESCRIBE_STRUCT(memory_info, (), (size, unit))

/// DiskResponse object: disk information under tasks[].task_resource.flavor_info.
struct disk_response {
  /// Disk size. Range: N/A (Integer, unlike Disk.size).
  std::optional<std::int32_t> size;
  /// Unit of the disk size. Range: N/A
  std::optional<std::string> unit;
};
BOOST_DESCRIBE_STRUCT(disk_response, (), (size, unit))

/// Disk object: disk information under spec.resource.flavor_detail.flavor_info.
struct disk_info {
  /// Disk size. Range: N/A (String, unlike DiskResponse.size).
  std::optional<std::string> size;
  /// Unit of the disk size. Generally, the unit is GB. Range: N/A
  std::optional<std::string> unit;
};
BOOST_DESCRIBE_STRUCT(disk_info, (), (size, unit))

/// FlavorInfoResponse object: resource flavor details of a task resource.
struct flavor_info_response {
  /// Maximum number of nodes that can be selected. The value 1 indicates that the distributed
  /// mode is not supported. Range: N/A
  std::optional<std::int32_t> max_num;
  /// CPU specifications.
  std::optional<cpu_info> cpu;
  /// GPU specifications.
  std::optional<gpu_info> gpu;
  /// Ascend specifications.
  std::optional<npu_info> npu;
  /// Memory information.
  std::optional<memory_info> memory;
  /// Disk information (DiskResponse: Integer size).
  std::optional<disk_response> disk;
};
BOOST_DESCRIBE_STRUCT(flavor_info_response, (), (max_num, cpu, gpu, npu, memory, disk))

/// FlavorInfo object: resource flavor details of a training job's flavor_detail.
struct flavor_info_detail {
  /// Maximum number of nodes that can be selected. The value 1 indicates that the distributed
  /// mode is not supported. Range: N/A
  std::optional<std::int32_t> max_num;
  /// CPU specifications.
  std::optional<cpu_info> cpu;
  /// GPU specifications.
  std::optional<gpu_info> gpu;
  /// Ascend specifications.
  std::optional<npu_info> npu;
  /// Memory information.
  std::optional<memory_info> memory;
  /// Disk information (Disk: String size).
  std::optional<disk_info> disk;
};
BOOST_DESCRIBE_STRUCT(flavor_info_detail, (), (max_num, cpu, gpu, npu, memory, disk))

/// FlavorResponse object: specifications of a training job or algorithm (tasks[].task_resource).
struct flavor_response {
  /// SDK 3.1.201 only. ID of the resource pool.
  std::optional<std::string> pool_id;
  /// Resource flavor ID. Range: N/A
  std::optional<std::string> flavor_id;
  /// Resource flavor name. Range: N/A
  std::optional<std::string> flavor_name;
  /// SDK 3.1.201 only. Engines the flavor supports: a JSON array serialized as a string.
  std::optional<std::string> support_engines;
  /// SDK 3.1.201 only. Resource groups the flavor supports; "public" when empty.
  std::optional<std::string> support_groups;
  /// Maximum number of nodes supported by a flavor. Range: N/A
  std::optional<std::int32_t> max_num;
  /// Resource flavor type. Range: CPU, GPU, Ascend.
  std::optional<resource_flavor_type> flavor_type;
  /// Billing information of a resource flavor.
  std::optional<billing_info> billing;
  /// Resource flavor details.
  std::optional<flavor_info_response> flavor_info;
  /// Other flavor attributes. Range: N/A
  std::optional<std::map<std::string, std::string>> attributes;
};
BOOST_DESCRIBE_STRUCT(flavor_response, (),
                      (pool_id, flavor_id, flavor_name, support_engines, support_groups, max_num,
                       flavor_type, billing, flavor_info, attributes))
CONFORM_MEMBER_RULES(flavor_response, pool_id, sdk_only);
CONFORM_MEMBER_RULES(flavor_response, support_engines, sdk_only);
CONFORM_MEMBER_RULES(flavor_response, support_groups, sdk_only);

/// FlavorDetail object: flavor details of a training job or algorithm; available only for
/// public resource pools (spec.resource.flavor_detail).
struct flavor_detail_info {
  /// Resource flavor type. Range: CPU, GPU, Ascend.
  std::optional<resource_flavor_type> flavor_type;
  /// Billing information of a resource flavor.
  std::optional<billing_info> billing;
  /// Resource flavor details.
  std::optional<flavor_info_detail> flavor_info;
};
BOOST_DESCRIBE_STRUCT(flavor_detail_info, (), (flavor_type, billing, flavor_info))

} // namespace conform::modelarts

#endif // CONFORM_MODELARTS_FLAVOR_HPP
