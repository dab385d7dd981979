// conform::modelarts: the URI parameters of GET /v2/{project_id}/training-jobs/{training_job_id}
// as a described struct, so a caller can validate them with the same machinery before sending.
// Building or parsing the URI is not done here.
#ifndef CONFORM_MODELARTS_PATH_PARAMETERS_HPP
#define CONFORM_MODELARTS_PATH_PARAMETERS_HPP

#include <conform/config.hpp>
#include <conform/constraints.hpp>
#include <conform/schema.hpp>

#include <boost/describe/class.hpp>

#include <string>

namespace conform::modelarts {

/// URI parameters of the API (both Mandatory: Yes).
struct path_parameters {
  /// Project ID. Constraints: The value can contain 1 to 64 characters. Letters, digits, and
  /// hyphens (-) are allowed.
  std::string project_id;
  /// ID of a training job. Constraints: For details, see Querying a Training Job List. The
  /// page's example is a UUID (3faf5c03-aaa1-4cbe-879d-24b05d997347), but no format is stated,
  /// so only non-emptiness is checked.
  std::string training_job_id;
};
BOOST_DESCRIBE_STRUCT(path_parameters, (), (project_id, training_job_id))
CONFORM_MEMBER_RULES(path_parameters, project_id, conform::length<1, 64>,
                     conform::charset<conform::letters, conform::digits, conform::chars<'-'>>);
CONFORM_MEMBER_RULES(path_parameters, training_job_id, conform::non_empty);

} // namespace conform::modelarts

#endif // CONFORM_MODELARTS_PATH_PARAMETERS_HPP
