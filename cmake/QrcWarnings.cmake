# Project-wide compiler settings applied to every target we own through qrc_setup_target().
add_library(qrc_project_options INTERFACE)
target_compile_options(qrc_project_options INTERFACE -Wall -Wextra -Wpedantic)
if(CACHE_WARNINGS_AS_ERRORS)
    target_compile_options(qrc_project_options INTERFACE -Werror)
endif()
if(CACHE_SANITIZE)
    target_compile_options(qrc_project_options INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(qrc_project_options INTERFACE -fsanitize=address,undefined)
endif()
if(CACHE_BUILD_FUZZ)
    # Everything we own is instrumented for libFuzzer's coverage and checked by ASan + UBSan;
    # only the fuzz targets link libFuzzer's main (-fsanitize=fuzzer, tests/fuzz).
    target_compile_options(qrc_project_options INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
        -fno-sanitize-recover=undefined)
    target_link_options(qrc_project_options INTERFACE -fsanitize=address,undefined)
endif()
target_compile_definitions(qrc_project_options INTERFACE
    QT_NO_FOREACH QT_NO_KEYWORDS
    QRC_VERSION="${PROJECT_VERSION}")

function(qrc_setup_target target)
    # Build-only: an installed static library must not ask its users for our warning flags.
    target_link_libraries(${target} PRIVATE $<BUILD_INTERFACE:qrc_project_options>)
endfunction()

# One Qt Test executable per test file, registered with CTest under its folder name
# (core/..., server/..., gui/...). Usage:
#   qrc_add_test(tst_memorybackend.cpp LIBS qrc_core qrc_testsupport)   (in tests/core/)
function(qrc_add_test source)
    cmake_parse_arguments(ARG "" "TIMEOUT" "LIBS;EXTRA_SOURCES" ${ARGN})
    get_filename_component(name ${source} NAME_WE)
    get_filename_component(group ${CMAKE_CURRENT_SOURCE_DIR} NAME)
    set(target ${group}_${name})
    add_executable(${target} ${source} ${ARG_EXTRA_SOURCES})
    target_link_libraries(${target} PRIVATE Qt6::Test ${ARG_LIBS})
    qrc_setup_target(${target})
    add_test(NAME ${group}/${name} COMMAND ${target})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 240)
    endif()
    # Under the dev preset a leak fails the test: with leak detection off, a QHttpServerRequest
    # lost per connection went unnoticed for a long time. (Release builds ignore ASAN_OPTIONS.)
    set_tests_properties(${group}/${name} PROPERTIES
        TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;ASAN_OPTIONS=detect_leaks=1:abort_on_error=1;UBSAN_OPTIONS=print_stacktrace=1;QRC_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()
