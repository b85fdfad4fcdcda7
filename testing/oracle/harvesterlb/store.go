// Package harvesterlb drives the CNI host-local allocator (github.com/containernetworking/plugins, the version
// harvester/load-balancer-harvester's go.mod requires) the way Harvester's load balancer does: through a
// backend.Store that books addresses in an IPPool's status, and with the controllers' requeue loop around it.
//
// harvester/load-balancer-harvester's own pkg/ipam cannot be a dependency here: its module is not served by the Go
// module proxy this project uses (403), so Store and the range defaults below follow its behaviour as written in
// pkg/ipam/store/store.go, pkg/ipam/allocator.go and pkg/controller/{ippool,loadbalancer}/controller.go.
package harvesterlb

import (
	"net"

	"github.com/containernetworking/plugins/plugins/ipam/host-local/backend"
)

// Status is the part of an IPPool's status the allocator reads and writes.
type Status struct {
	Allocated        map[string]string `json:"allocated"`
	AllocatedHistory map[string]string `json:"allocatedHistory"`
	LastAllocated    string            `json:"lastAllocated"`
	Available        int64             `json:"available"`
	Total            int64             `json:"total"`
}

// Copy is a deep copy (nil stays nil), so that one starting status can run twice.
func (s *Status) Copy() *Status {
	if s == nil {
		return nil
	}
	c := *s
	c.Allocated = copyMap(s.Allocated)
	c.AllocatedHistory = copyMap(s.AllocatedHistory)
	return &c
}

func copyMap(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	c := make(map[string]string, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// Store books in Status what Harvester's store books in the IPPool's status (pkg/ipam/store/store.go).
type Store struct {
	Status *Status
}

var _ backend.Store = (*Store)(nil)

func (s *Store) Lock() error   { return nil }
func (s *Store) Unlock() error { return nil }
func (s *Store) Close() error  { return nil }

// Reserve succeeds for a free address and for one the same applicant already holds (store.go: a load balancer
// that failed to record its address asks again); it takes the address out of the history.
func (s *Store) Reserve(applicant, _ string, ip net.IP, _ string) (bool, error) {
	key := ip.String()
	if holder, ok := s.Status.Allocated[key]; ok {
		return holder == applicant, nil
	}
	delete(s.Status.AllocatedHistory, key)
	if s.Status.Allocated == nil {
		s.Status.Allocated = map[string]string{}
	}
	s.Status.Allocated[key] = applicant
	s.Status.LastAllocated = key
	s.Status.Available--
	return true, nil
}

func (s *Store) LastReservedIP(_ string) (net.IP, error) {
	return net.ParseIP(s.Status.LastAllocated), nil
}

// ReleaseByID moves the applicant's first address (Go map order, as in store.go) into the history.
func (s *Store) ReleaseByID(applicant, _ string) error {
	for ip, holder := range s.Status.Allocated {
		if holder == applicant {
			if s.Status.AllocatedHistory == nil {
				s.Status.AllocatedHistory = map[string]string{}
			}
			s.Status.AllocatedHistory[ip] = holder
			delete(s.Status.Allocated, ip)
			s.Status.Available++
			break
		}
	}
	return nil
}

func (s *Store) GetByID(applicant, _ string) []net.IP {
	var ips []net.IP
	for ip, holder := range s.Status.Allocated {
		if holder == applicant {
			ips = append(ips, net.ParseIP(ip))
		}
	}
	return ips
}
