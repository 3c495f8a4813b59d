// libyaml (Debian: libyaml-dev), the C parser behind most YAML libraries. Only IDPConfig imports it;
// it is linked as libyaml.a (see Package.swift), so no tool needs libyaml at run time.
#include <yaml.h>
