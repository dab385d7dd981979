// conform::modelarts umbrella: every ModelArts "Querying the Details About a Training Job"
// schema header (response body, error body, path parameters, enums and annotations).
// The generic library is <conform/...>; this header adds nothing of its own.
#ifndef CONFORM_MODELARTS_HPP
#define CONFORM_MODELARTS_HPP

#include <conform/config.hpp>
#include <conform/modelarts/enums.hpp>
#include <conform/modelarts/error_body.hpp>
#include <conform/modelarts/flavor.hpp>
#include <conform/modelarts/ftjob_config.hpp>
#include <conform/modelarts/job_algorithm.hpp>
#include <conform/modelarts/job_endpoints.hpp>
#include <conform/modelarts/job_metadata.hpp>
#include <conform/modelarts/job_spec.hpp>
#include <conform/modelarts/job_status.hpp>
#include <conform/modelarts/path_parameters.hpp>
#include <conform/modelarts/sdk_only.hpp>
#include <conform/modelarts/task.hpp>
#include <conform/modelarts/training_job.hpp>

#endif // CONFORM_MODELARTS_HPP
