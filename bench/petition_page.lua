-- wrk script for bench/petition_surge.py: the petition page's readers during the surge.
-- Arguments: page <path> <pause_ms> <threads>. It is bench/petition_surge.lua's page mode plus a
-- pause: each connection waits pause_ms after an answer before the next read, so readers come at
-- a set pace (at most connections × 1000/pause_ms reads a second) rather than as fast as the
-- server answers, and a cheaper page costs the signing stages less CPU instead of inviting more
-- reads. A script of its own because wrk calls delay() before every request of a script that has it.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "petition_surge.lua")

function delay()
  return pause
end
