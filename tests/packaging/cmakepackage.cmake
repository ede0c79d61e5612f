# ctest script: installs the dev component of BUILD_DIR into a fresh prefix, then configures,
# builds and runs (--help) tests/packaging/consumer against it. Any failure is fatal.
set(work ${WORK_DIR})
file(REMOVE_RECURSE ${work})
function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}")
    endif()
    set(last_output "${out}" PARENT_SCOPE)
endfunction()
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${work}/prefix --component dev)
if(EXISTS ${work}/prefix/include/qt-redis-cache/cacheserver.h
   OR EXISTS ${work}/prefix/include/qt-redis-cache/demostore.h)
    message(FATAL_ERROR "the application's private headers were installed")
endif()
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/packaging/consumer -B ${work}/build
    -DCMAKE_PREFIX_PATH=${work}/prefix -DCMAKE_BUILD_TYPE=Release
    -DEXAMPLE_SOURCE=${SOURCE_DIR}/server/example/main.cpp)
run(${CMAKE_COMMAND} --build ${work}/build -j2)
run(${work}/build/consumer-example --help)
message(STATUS "consumer-example built against the installed package: ${last_output}")
# A version the package does not promise to be compatible with must be refused.
file(WRITE ${work}/v/CMakeLists.txt
    "cmake_minimum_required(VERSION 3.25)\nproject(V LANGUAGES CXX)\nfind_package(QtRedisCache 0.3 REQUIRED)\n")
execute_process(COMMAND ${CMAKE_COMMAND} -S ${work}/v -B ${work}/v/build
                -DCMAKE_PREFIX_PATH=${work}/prefix RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(rc EQUAL 0)
    message(FATAL_ERROR "find_package(QtRedisCache 0.3) accepted version ${PROJECT_VERSION}")
endif()
file(REMOVE_RECURSE ${work})
