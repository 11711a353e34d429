# cmake -DHEADER=<broken header> -P fails_locally.cmake: prints (to stderr) the `fails_locally`
# value cmake/SafemapStress.cmake writes into the manifest for that header, so gap_report_test.py
# can check the one parser of the header format on headers made up for the purpose.
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/../../cmake/SafemapStress.cmake")
_safemap_fails_locally(reason "${HEADER}")
message("${reason}")
