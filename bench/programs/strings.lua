local n = tonumber(arg[1])
local buf = {}
for i = 0, n - 1 do buf[#buf + 1] = "ticket-" .. tostring(i) .. "," end
local text = table.concat(buf)
local parts = 0
for _ in (text .. ","):gmatch("([^,]*),") do parts = parts + 1 end
print(parts, #text)
