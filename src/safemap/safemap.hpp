// safemap — every map variant and the concepts they model, in one include.
#pragma once

#include <safemap/concurrent_map.hpp>
#include <safemap/frozen_map.hpp>
#include <safemap/locked_map.hpp>
#include <safemap/mutex_map.hpp>
#include <safemap/owner_thread_map.hpp>
#include <safemap/read_mostly_map.hpp>
#include <safemap/reentry_guard.hpp>
#include <safemap/sharded_map.hpp>
#include <safemap/shared_mutex_map.hpp>
