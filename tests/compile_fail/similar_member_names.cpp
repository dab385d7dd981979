// expect: compiles
// Member names that share their length, their first and their last bytes, or differ in one
// character only: member lookup must tell them apart (it once could not place such keys and
// the build failed in a constant expression).
#include <conform/decode.hpp>

#include <boost/describe.hpp>

struct limits {
  int spec_resource_cpu_limit = 0;
  int spec_resource_gpu_limit = 0;
  int spec_resource_npu_limit = 0;
  int task_a = 0;
  int task_b = 0;
  int member_1 = 0, member_2 = 0, member_3 = 0, member_4 = 0, member_5 = 0;
  int member_6 = 0, member_7 = 0, member_8 = 0, member_9 = 0;
  int field_10 = 0, field_11 = 0, field_12 = 0, field_13 = 0, field_14 = 0;
  int field_15 = 0, field_16 = 0, field_17 = 0, field_18 = 0, field_19 = 0;
  int abcde = 0, abcd_ = 0;
};
BOOST_DESCRIBE_STRUCT(limits, (),
                      (spec_resource_cpu_limit, spec_resource_gpu_limit, spec_resource_npu_limit,
                       task_a, task_b, member_1, member_2, member_3, member_4, member_5, member_6,
                       member_7, member_8, member_9, field_10, field_11, field_12, field_13,
                       field_14, field_15, field_16, field_17, field_18, field_19, abcde, abcd_))

int main() {
  return conform::decode<limits>("{}").ok() ? 1 : 0;
}
