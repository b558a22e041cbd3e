local n = tonumber(arg[1])
local items = {}
for i = 0, n - 1 do items[#items + 1] = {id = i, value = i % 7} end
local total = 0
for _, o in ipairs(items) do total = total + o.value end
print(total)
