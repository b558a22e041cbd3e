local n = tonumber(arg[1])
local total = 0
for i = 0, n - 1 do total = total + i end
print(total)
