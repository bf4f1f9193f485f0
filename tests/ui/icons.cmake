# tst_icons renders every icon with QtSvg.
target_link_libraries(tst_icons PRIVATE Qt6::Svg)
