function toggled(self)
  hits = hits .. self.id .. ":" .. self:getProp("key") .. ";"
end
